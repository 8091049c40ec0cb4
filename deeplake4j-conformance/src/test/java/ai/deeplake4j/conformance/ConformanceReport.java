package ai.deeplake4j.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the compared statements of a run and writes the differences as Markdown. */
final class ConformanceReport {

    private record Entry(String area, StatementFile.Case statement, Outcome expected, Outcome actual, String difference) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(String area, StatementFile.Case c, Outcome expected, Outcome actual, String difference) {
        entries.add(new Entry(area, c, expected, actual, difference));
    }

    int total() {
        return entries.size();
    }

    int matched() {
        return (int) entries.stream().filter(e -> e.difference() == null).count();
    }

    /**
     * Statements outside the {@code errors} area that PostgreSQL itself could not parse
     * (SQLSTATE 42601): a typo in a file, which would compare nothing useful.
     */
    int referenceSyntaxErrors() {
        return (int) entries.stream()
                .filter(e -> e.expected() instanceof Outcome.Failure f && "42601".equals(f.sqlState()))
                .filter(e -> !e.area().equals("errors"))
                .count();
    }

    String summary() {
        return String.format("conformance: %d of %d statements match PostgreSQL (%.1f%%)", matched(), total(),
                total() == 0 ? 0.0 : 100.0 * matched() / total());
    }

    void write(Path out) {
        Map<String, int[]> byArea = new LinkedHashMap<>();
        for (Entry e : entries) {
            int[] c = byArea.computeIfAbsent(e.area(), k -> new int[2]);
            c[1]++;
            if (e.difference() == null) {
                c[0]++;
            }
        }
        StringBuilder md = new StringBuilder("# PostgreSQL conformance report\n\n").append(summary()).append("\n\n");
        md.append("| area | match | statements |\n|---|---|---|\n");
        byArea.forEach((area, c) -> md.append("| ").append(area).append(" | ").append(c[0]).append(" | ").append(c[1]).append(" |\n"));
        md.append("\n## Differences\n\n");
        for (Entry e : entries) {
            if (e.difference() != null) {
                md.append("- `").append(e.area()).append(':').append(e.statement().line()).append("` `")
                        .append(e.statement().sql().replaceAll("\\s+", " ").replace("`", "'")).append("`: ")
                        .append(e.difference().replace("\n", " ")).append('\n');
            }
        }
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, md);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write " + out, ex);
        }
    }
}
