package ai.deeplake4j.server.sql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Refuses SQL that could reach outside the caller's workspace (issue 5, "Isolation"): one
 * statement only; statements limited to queries, DML and table/index DDL (no {@code COPY},
 * {@code ATTACH}, {@code INSTALL}/{@code LOAD}, {@code PRAGMA}, {@code SET}/{@code RESET},
 * {@code EXPORT}/{@code IMPORT}, {@code CALL}, {@code USE}, secrets, macros or views); no
 * file or network functions ({@code read_*}, {@code parquet_*}, {@code glob}, {@code query},
 * ...), no file paths as tables ({@code FROM '/etc/passwd'}, {@code FROM "x.csv"}), no system
 * catalogs, and no qualified reference to another organization or to a catalog.
 *
 * <p>The guard works on tokens ({@link SqlLexer}), so keywords inside literals and comments
 * never trigger it. It is a second wall: the engine also scopes each client to one workspace.
 * Thread-safe.
 */
public final class SqlGuard {

    private static final Set<String> STATEMENTS = Set.of("SELECT", "WITH", "VALUES", "INSERT", "UPDATE",
            "DELETE", "CREATE", "DROP", "ALTER", "EXPLAIN", "TABLE", "DESCRIBE", "TRUNCATE");
    private static final Set<String> FUNCTIONS = Set.of("glob", "query", "query_table", "sniff_csv", "getenv",
            "current_setting", "set_config", "which_secret", "load_aws_credentials", "csv_scan", "sqlite_scan",
            "sqlite_attach", "postgres_scan", "postgres_attach", "mysql_scan", "json_execute_serialized_sql",
            "checkpoint", "force_checkpoint", "install", "load", "system", "shell", "lo_import", "lo_export",
            "enable_profiling", "disable_profiling", "import_database", "export_database", "summary_file");
    private static final List<String> FUNCTION_PREFIXES = List.of("read_", "parquet_", "iceberg_", "delta_",
            "duckdb_", "pg_read", "pg_ls", "pg_stat_file", "http_", "s3_", "arrow_scan", "ducklake_");
    private static final Set<String> CATALOGS = Set.of("information_schema", "pg_catalog", "sqlite_master",
            "sqlite_schema", "sqlite_temp_master", "system", "temp", "memory");
    private static final Set<String> CLAUSE_ENDS = Set.of("WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET",
            "WINDOW", "QUALIFY", "UNION", "EXCEPT", "INTERSECT", "RETURNING", "SELECT", "SET", "VALUES", "ON", "USING");

    private final Supplier<Set<String>> otherOrgs;

    /**
     * @param otherOrgs the organization ids the caller must not name (read per statement, so new
     *                  organizations are covered at once); names compare case-insensitively
     */
    public SqlGuard(Supplier<Set<String>> otherOrgs) {
        this.otherOrgs = otherOrgs;
    }

    /**
     * Checks one statement.
     *
     * @throws SqlRefusedException naming what was refused and at which position
     * @throws ai.deeplake4j.api.error.QueryException on unterminated literals
     */
    public void check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new SqlRefusedException("The query is empty: send one SQL statement in \"query\".");
        }
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        checkSingleStatement(tokens);
        checkStatementKind(tokens);
        Set<String> others = lower(otherOrgs.get());
        Deque<Boolean> inFrom = new ArrayDeque<>();
        inFrom.push(false);
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            SqlToken prev = i > 0 ? tokens.get(i - 1) : null;
            SqlToken next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (t.isSymbol('(')) {
                inFrom.push(false);
            } else if (t.isSymbol(')') && inFrom.size() > 1) {
                inFrom.pop();
            } else if (t.is("FROM") || t.is("JOIN")) {
                inFrom.pop();
                inFrom.push(true);
            } else if (t.kind() == SqlToken.Kind.WORD && CLAUSE_ENDS.contains(t.text().toUpperCase(Locale.ROOT))) {
                inFrom.pop();
                inFrom.push(false);
            }
            switch (t.kind()) {
                case WORD -> checkWord(t, next, tablePosition(prev, inFrom.peek()), others);
                case QUOTED_IDENTIFIER -> checkQuotedIdentifier(t, next, tablePosition(prev, inFrom.peek()), others);
                case STRING -> checkString(t, prev, inFrom.peek());
                case PARAMETER -> {
                    // parameters are inlined as literals by the engine: $1 as a table would read a file
                    if (tablePosition(prev, inFrom.peek())) {
                        throw refused("A parameter as a table (" + t.text() + ")", t, "tables must be named in the SQL text");
                    }
                }
                default -> { }
            }
        }
    }

    private static void checkSingleStatement(List<SqlToken> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol(';') && i + 1 < tokens.size()) {
                boolean onlySemicolons = tokens.subList(i + 1, tokens.size()).stream().allMatch(t -> t.isSymbol(';'));
                if (!onlySemicolons) {
                    throw refused("More than one statement", tokens.get(i), "send one statement per request");
                }
            }
        }
    }

    private static void checkStatementKind(List<SqlToken> tokens) {
        int i = 0;
        while (i < tokens.size() && tokens.get(i).isSymbol('(')) {
            i++;
        }
        if (i >= tokens.size()) {
            throw new SqlRefusedException("The query has no statement.");
        }
        SqlToken first = tokens.get(i);
        String keyword = first.text().toUpperCase(Locale.ROOT);
        if (first.kind() != SqlToken.Kind.WORD || !STATEMENTS.contains(keyword)) {
            throw refused("Statement " + first.text(), first,
                    "only SELECT, WITH, VALUES, INSERT, UPDATE, DELETE and CREATE/DROP/ALTER of tables and indexes are allowed");
        }
        if (keyword.equals("EXPLAIN")) {
            int j = i + 1;
            while (j < tokens.size() && (tokens.get(j).is("ANALYZE") || tokens.get(j).is("VERBOSE"))) {
                j++;
            }
            checkStatementKind(tokens.subList(j, tokens.size()));
        } else if (keyword.equals("CREATE")) {
            checkCreate(tokens, i + 1);
        } else if (keyword.equals("DROP") || keyword.equals("ALTER")) {
            SqlToken object = i + 1 < tokens.size() ? tokens.get(i + 1) : first;
            if (!object.is("TABLE") && !object.is("INDEX")) {
                throw refused(keyword + " " + object.text(), object, "only tables and indexes can be dropped or altered");
            }
        }
    }

    private static void checkCreate(List<SqlToken> tokens, int i) {
        while (i < tokens.size() && (tokens.get(i).is("OR") || tokens.get(i).is("REPLACE") || tokens.get(i).is("UNIQUE"))) {
            i++;
        }
        SqlToken object = i < tokens.size() ? tokens.get(i) : tokens.get(tokens.size() - 1);
        if (!object.is("TABLE") && !object.is("INDEX")) {
            throw refused("CREATE " + object.text(), object, "only tables and indexes can be created");
        }
    }

    private static boolean tablePosition(SqlToken prev, boolean inFromClause) {
        return prev != null && (prev.is("FROM") || prev.is("JOIN") || prev.is("TABLE") || prev.is("DESCRIBE")
                || prev.is("SUMMARIZE") || prev.is("INTO") || prev.is("UPDATE") || (inFromClause && prev.isSymbol(',')));
    }

    private static void checkWord(SqlToken t, SqlToken next, boolean tablePosition, Set<String> others) {
        String lower = t.text().toLowerCase(Locale.ROOT);
        if (next != null && next.isSymbol('(') && isForbiddenFunction(lower)) {
            throw refused("Function " + t.text() + "()", t, "it reads files, settings or other databases");
        }
        checkName(t, lower, next, tablePosition, others);
    }

    private static void checkQuotedIdentifier(SqlToken t, SqlToken next, boolean tablePosition, Set<String> others) {
        String name = t.text();
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf('.') >= 0 || name.indexOf(':') >= 0
                || name.indexOf('~') >= 0) {
            throw refused("Identifier \"" + name + "\"", t, "names cannot hold paths, dots or colons");
        }
        if (next != null && next.isSymbol('(') && isForbiddenFunction(name.toLowerCase(Locale.ROOT))) {
            throw refused("Function \"" + name + "\"()", t, "it reads files, settings or other databases");
        }
        checkName(t, name.toLowerCase(Locale.ROOT), next, tablePosition, others);
    }

    private static void checkName(SqlToken t, String lower, SqlToken next, boolean tablePosition, Set<String> others) {
        boolean qualifier = next != null && next.isSymbol('.');
        boolean systemTable = lower.startsWith("duckdb_") || lower.startsWith("pg_") || lower.startsWith("sqlite_");
        if ((qualifier && CATALOGS.contains(lower)) || (tablePosition && (CATALOGS.contains(lower) || systemTable))) {
            throw refused("Reference to " + t.text(), t, "system catalogs are not available; use listTables or describeTable");
        }
        if (qualifier && others.contains(lower)) {
            throw refused("Reference to organization " + t.text(), t, "tables of other organizations are not visible");
        }
    }

    private static void checkString(SqlToken t, SqlToken prev, boolean inFromClause) {
        if (tablePosition(prev, inFromClause)) {
            throw refused("A string as a table ('" + shorten(t.text()) + "')", t, "files cannot be read as tables");
        }
    }

    private static boolean isForbiddenFunction(String lower) {
        return FUNCTIONS.contains(lower) || FUNCTION_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    private static SqlRefusedException refused(String what, SqlToken at, String why) {
        return new SqlRefusedException(what + " is not allowed at position " + (at.offset() + 1) + ": " + why + ".");
    }

    private static Set<String> lower(Set<String> names) {
        return names.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
