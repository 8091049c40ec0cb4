package ai.deeplake4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints rows as an aligned text table. Long values are cut at {@value #MAX_WIDTH} chars,
 * binary values shown as their size, line breaks as spaces: the table stays one line per row.
 */
final class TableFormatter {
    static final int MAX_WIDTH = 60;

    private TableFormatter() {
    }

    static String format(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return "(0 rows)\n";
        }
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.keySet()));
        List<String> columns = new ArrayList<>(names);
        int[] width = new int[columns.size()];
        List<String[]> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            width[c] = columns.get(c).length();
        }
        for (Map<String, Object> row : rows) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                line[c] = cell(row.get(columns.get(c)));
                width[c] = Math.max(width[c], line[c].length());
            }
            cells.add(line);
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, columns.toArray(String[]::new), width);
        for (int c = 0; c < width.length; c++) {
            out.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
        }
        out.append('\n');
        cells.forEach(line -> appendLine(out, line, width));
        out.append('(').append(rows.size()).append(rows.size() == 1 ? " row)\n" : " rows)\n");
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String[] values, int[] width) {
        for (int c = 0; c < values.length; c++) {
            out.append(c == 0 ? "" : " | ").append(values[c]).append(" ".repeat(width[c] - values[c].length()));
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    static String cell(Object v) {
        String s;
        if (v == null) {
            s = "NULL";
        } else if (v instanceof byte[] b) {
            s = "<" + b.length + " bytes>";
        } else {
            s = String.valueOf(v);
        }
        s = s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return s.length() > MAX_WIDTH ? s.substring(0, MAX_WIDTH - 3) + "..." : s;
    }
}
