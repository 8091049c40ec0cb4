package ai.deeplake4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated cases for the conformance suite: tables and columns named after DuckDB's virtual and
 * reserved names ({@code filename}, {@code file_row_number}, {@code rowid}, {@code memory}, ...)
 * next to ordinary ones, filled with small integers, words and NULLs, then changed by random
 * UPDATE and DELETE statements whose WHERE clauses mix comparisons, LIKE, IN, BETWEEN and IS NULL
 * under AND/OR/NOT; after each change the whole table is read back in a fixed order, so a
 * statement that touched the wrong rows shows up as a different table. Seeded: the same seed
 * gives the same statements.
 */
final class GeneratedCases {

    /** Names DuckDB gives a meaning of its own (virtual columns of read_parquet, catalogs, schemas). */
    static final List<String> SPECIAL = List.of("filename", "file_row_number", "file_index", "rowid", "memory", "temp",
            "main", "system");
    private static final List<String> WORDS = List.of("apple", "banana", "cherry", "date", "elder", "fig", "grape");

    private GeneratedCases() {
    }

    /**
     * @param seed   the random seed
     * @param rounds tables to make; each gives 10 statements
     */
    static StatementFile file(long seed, int rounds) {
        Random rnd = new Random(seed);
        List<StatementFile.Case> cases = new ArrayList<>();
        int line = 1;
        for (int r = 0; r < rounds; r++) {
            String table = r < SPECIAL.size() ? SPECIAL.get(r) : "t_" + r;
            String[] ints = {pick(rnd, r, 0), "n" + r};
            String text = pick(rnd, r, 1);
            if (text.equals(ints[0])) {
                text = "w" + r;
            }
            String cols = ints[0] + ", " + ints[1] + ", " + text;
            List<String> sqls = new ArrayList<>();
            sqls.add("CREATE TABLE " + table + " (" + ints[0] + " INT, " + ints[1] + " INT, " + text + " TEXT)");
            StringBuilder insert = new StringBuilder("INSERT INTO " + table + " (" + cols + ") VALUES ");
            for (int i = 0; i < 12; i++) {
                insert.append(i == 0 ? "" : ", ").append('(').append(intOrNull(rnd)).append(", ").append(intOrNull(rnd))
                        .append(", ").append(rnd.nextInt(8) == 0 ? "NULL" : "'" + WORDS.get(rnd.nextInt(WORDS.size())) + "'").append(')');
            }
            sqls.add(insert.toString());
            String readBack = "SELECT " + cols + " FROM " + table + " ORDER BY " + cols;
            sqls.add(readBack);
            for (int k = 0; k < 3; k++) {
                String where = where(rnd, ints, text, 2);
                if (rnd.nextBoolean()) {
                    sqls.add("DELETE FROM " + table + " WHERE " + where);
                } else if (rnd.nextBoolean()) {
                    sqls.add("UPDATE " + table + " SET " + ints[rnd.nextInt(2)] + " = " + ints[rnd.nextInt(2)] + " + "
                            + (1 + rnd.nextInt(5)) + " WHERE " + where);
                } else {
                    sqls.add("UPDATE " + table + " SET " + text + " = '" + WORDS.get(rnd.nextInt(WORDS.size())) + "' WHERE " + where);
                }
                sqls.add(readBack);
            }
            sqls.add("DROP TABLE " + table);
            for (String sql : sqls) {
                cases.add(new StatementFile.Case(line++, sql, sql.contains("ORDER BY")));
            }
        }
        return new StatementFile("generated", cases);
    }

    /** A column name: one of the special names for the first rounds, else an ordinary one. */
    private static String pick(Random rnd, int round, int which) {
        if (rnd.nextInt(3) > 0) {
            return SPECIAL.get(rnd.nextInt(SPECIAL.size()));
        }
        return (which == 0 ? "a" : "s") + round;
    }

    private static String intOrNull(Random rnd) {
        return rnd.nextInt(8) == 0 ? "NULL" : Integer.toString(rnd.nextInt(20));
    }

    private static String where(Random rnd, String[] ints, String text, int depth) {
        if (depth > 0 && rnd.nextInt(3) == 0) {
            String op = rnd.nextBoolean() ? " AND " : " OR ";
            return "(" + where(rnd, ints, text, depth - 1) + op + where(rnd, ints, text, depth - 1) + ")";
        }
        if (depth > 0 && rnd.nextInt(8) == 0) {
            return "NOT (" + where(rnd, ints, text, depth - 1) + ")";
        }
        String c = ints[rnd.nextInt(2)];
        return switch (rnd.nextInt(7)) {
            case 0 -> c + " " + List.of("=", "<>", "<", ">", "<=", ">=").get(rnd.nextInt(6)) + " " + rnd.nextInt(20);
            case 1 -> c + " BETWEEN " + rnd.nextInt(10) + " AND " + (10 + rnd.nextInt(10));
            case 2 -> text + " = '" + WORDS.get(rnd.nextInt(WORDS.size())) + "'";
            case 3 -> text + " LIKE '" + WORDS.get(rnd.nextInt(WORDS.size())).charAt(0) + "%'";
            case 4 -> text + " IN ('" + WORDS.get(rnd.nextInt(WORDS.size())) + "', '" + WORDS.get(rnd.nextInt(WORDS.size())) + "')";
            case 5 -> (rnd.nextBoolean() ? c : text) + (rnd.nextBoolean() ? " IS NULL" : " IS NOT NULL");
            default -> c + " IN (" + rnd.nextInt(20) + ", " + rnd.nextInt(20) + ", " + rnd.nextInt(20) + ")";
        };
    }
}
