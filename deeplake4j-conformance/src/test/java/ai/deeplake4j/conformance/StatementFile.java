package ai.deeplake4j.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One file of the conformance suite: SQL statements, each ending with {@code ;}, run in order on
 * both systems (the layout of PostgreSQL's own regression files, without expected output: the
 * expected answer is whatever the real PostgreSQL says). {@code --} comments are kept out of the
 * statements; semicolons inside string literals and quoted identifiers do not end a statement.
 *
 * @param area  the file's name without {@code .sql}: the area it covers (ddl, dml, queries, ...)
 * @param cases the statements in file order
 */
record StatementFile(String area, List<Case> cases) {

    /**
     * One statement.
     *
     * @param line    the 1-based line where it starts, for the report
     * @param sql     the statement, without its terminating semicolon
     * @param ordered whether row order is part of the answer (the statement has ORDER BY); other
     *                results are compared as multisets, as PostgreSQL promises no order
     */
    record Case(int line, String sql, boolean ordered) {
    }

    static StatementFile read(Path file) {
        try {
            String name = file.getFileName().toString().replaceFirst("\\.sql$", "");
            return new StatementFile(name, parse(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static List<Case> parse(String text) {
        List<Case> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int line = 1;
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                if (i < text.length()) {
                    line++;
                    cur.append('\n');
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                int end = closing(text, i, c);
                String quoted = text.substring(i, end + 1);
                if (start < 0) {
                    start = line;
                }
                line += (int) quoted.chars().filter(ch -> ch == '\n').count();
                cur.append(quoted);
                i = end;
                continue;
            }
            if (c == ';') {
                add(out, cur, start);
                start = -1;
                continue;
            }
            if (c == '\n') {
                line++;
            } else if (!Character.isWhitespace(c) && start < 0) {
                start = line;
            }
            cur.append(c);
        }
        if (!cur.toString().isBlank()) {
            throw new IllegalArgumentException("Statement starting at line " + start + " has no terminating ';'");
        }
        return out;
    }

    private static int closing(String text, int open, char quote) {
        for (int j = open + 1; j < text.length(); j++) {
            if (text.charAt(j) == quote) {
                if (j + 1 < text.length() && text.charAt(j + 1) == quote) {
                    j++;
                    continue;
                }
                return j;
            }
        }
        throw new IllegalArgumentException("Unterminated quote starting at offset " + open);
    }

    private static void add(List<Case> out, StringBuilder cur, int start) {
        String sql = cur.toString().strip();
        cur.setLength(0);
        if (!sql.isEmpty()) {
            boolean ordered = sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").contains("order by");
            out.add(new Case(start, sql, ordered));
        }
    }
}
