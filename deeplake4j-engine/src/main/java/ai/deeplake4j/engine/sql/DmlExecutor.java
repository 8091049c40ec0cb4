package ai.deeplake4j.engine.sql;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.engine.lake.Lake;
import ai.deeplake4j.api.Names;
import ai.deeplake4j.engine.table.ColumnTypes;
import ai.deeplake4j.engine.table.DataFileOutput;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.engine.table.LakeTableWriter;
import ai.deeplake4j.engine.table.Sql;
import ai.deeplake4j.ingest.write.TableSchema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.duckdb.DuckDBConnection;

/**
 * Runs the statements that change tables. INSERT stages rows through a table writer and commits
 * once per statement; UPDATE and DELETE are copy-on-write (ARCHITECTURE D3): the data files
 * holding affected rows are rewritten into one new file and swapped in a single Iceberg overwrite
 * that fails if another writer removed those files meanwhile. A failing statement changes nothing.
 */
final class DmlExecutor {
    private final QueryEngine engine;

    DmlExecutor(QueryEngine engine) {
        this.engine = engine;
    }

    List<Map<String, Object>> insert(Statement.Insert insert, List<Token> tokens) {
        LakeTable table = engine.table(insert.table());
        engine.refreshViews(tokens);
        TableSchema schema = table.schema();
        List<String> columns = insert.columns() == null ? schema.names() : resolveColumns(table, insert.columns());
        String source = vectorLiteralsInValues(insert.source(), columns, schema);
        long rows;
        try (LakeTableWriter writer = (LakeTableWriter) engine.store().openWriter(table.name(), schema)) {
            try {
                rows = writer.stage(columns, source);
            } catch (SQLException e) {
                throw SqlErrors.mapGenerated(e, engine, table.name());
            }
            writer.commit();
            writer.sync();
        }
        engine.compactIfNeeded(table.name());
        return count(rows);
    }

    /**
     * In {@code VALUES (...), (...)}, turns PostgreSQL array literals ({@code '{0.1,0.2}'}) that go
     * into vector columns into DuckDB list text, as PostgreSQL casts them implicitly.
     */
    static String vectorLiteralsInValues(String source, List<String> columns, TableSchema schema) {
        List<Token> tokens = SqlLexer.lex(source);
        int first = Dialect.next(tokens, -1);
        if (first < 0 || !tokens.get(first).is("VALUES")) {
            return source;
        }
        int depth = 0;
        int column = 0;
        for (int i = first + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                if (depth++ == 0) {
                    column = 0;
                }
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (depth == 1 && t.isSymbol(",")) {
                column++;
            } else if (depth == 1 && t.kind() == Token.Kind.STRING && column < columns.size() && isVector(schema, columns.get(column))) {
                int prev = Dialect.previous(tokens, i);
                int next = Dialect.next(tokens, i);
                boolean alone = (tokens.get(prev).isSymbol("(") || tokens.get(prev).isSymbol(","))
                        && next >= 0 && (tokens.get(next).isSymbol(")") || tokens.get(next).isSymbol(","));
                String list = alone ? Dialect.numericArrayLiteral(t.text()) : null;
                if (list != null) {
                    tokens.set(i, new Token(Token.Kind.STRING, list, t.start()));
                }
            }
        }
        return SqlLexer.join(tokens);
    }

    private static boolean isVector(TableSchema schema, String column) {
        int pos = schema.indexOf(column);
        return pos >= 0 && switch (schema.get(pos).type().kind().storage()) {
            case FLOAT_LIST, FLOAT_MATRIX -> true;
            default -> false;
        };
    }

    private static List<String> resolveColumns(LakeTable table, List<String> requested) {
        TableSchema schema = table.schema();
        List<String> out = new ArrayList<>();
        for (String c : requested) {
            out.add(column(table, schema, c));
        }
        return out;
    }

    /** The stored name of a column written in SQL (bare names match case-insensitively). */
    private static String column(LakeTable table, TableSchema schema, String name) {
        if (schema.indexOf(name) >= 0) {
            return name;
        }
        for (Column c : schema.columns()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c.name();
            }
        }
        throw new TableException("Table '" + table.name() + "' has no column '" + name + "'. Columns: " + schema.names());
    }

    List<Map<String, Object>> delete(Statement.Delete delete, List<Token> tokens) {
        LakeTable table = engine.table(delete.table());
        engine.refreshViews(tokens);
        String alias = Sql.identifier(delete.alias() != null ? delete.alias() : table.name());
        String condition = delete.where() == null ? "TRUE" : "COALESCE((" + delete.where() + "), FALSE)";
        String columns = columnList(table);
        return rewrite(table, alias, condition, scan -> "SELECT " + columns + " FROM (" + scan + ") AS " + alias + " WHERE NOT " + condition);
    }

    List<Map<String, Object>> update(Statement.Update update, List<Token> tokens) {
        LakeTable table = engine.table(update.table());
        engine.refreshViews(tokens);
        TableSchema schema = table.schema();
        String alias = Sql.identifier(update.alias() != null ? update.alias() : table.name());
        String condition = update.where() == null ? "TRUE" : "COALESCE((" + update.where() + "), FALSE)";
        Map<String, String> set = new LinkedHashMap<>();
        for (Statement.Assignment a : update.assignments()) {
            String col = column(table, schema, a.column());
            String expression = a.expression().strip();
            if (isVector(schema, col) && Dialect.numericArrayLiteral(expression) != null) {
                expression = Dialect.numericArrayLiteral(expression);
            }
            if (set.put(col, expression) != null) {
                throw new QueryException("Column '" + col + "' is assigned twice in UPDATE " + table.name() + ".");
            }
        }
        StringBuilder select = new StringBuilder("SELECT ").append(Sql.identifier(Lake.ROW_ID));
        for (Column c : schema.columns()) {
            String col = Sql.identifier(c.name());
            String expr = set.get(c.name());
            select.append(", ");
            if (expr == null) {
                select.append(col);
            } else {
                select.append("CASE WHEN ").append(condition).append(" THEN CAST((").append(expr).append(") AS ")
                        .append(ColumnTypes.duckdb(c.type())).append(") ELSE ").append(col).append(" END AS ").append(col);
            }
        }
        return rewrite(table, alias, condition, scan -> select + " FROM (" + scan + ") AS " + alias);
    }

    /**
     * Rewrites the files holding rows that match {@code condition}: {@code rowsOf} turns the scan of
     * those files into the query giving the rows of the replacement file.
     */
    private List<Map<String, Object>> rewrite(LakeTable table, String alias, String condition,
                                              java.util.function.UnaryOperator<String> rowsOf) {
        long snapshot = table.snapshotId();
        List<DataFile> all = table.dataFileEntries(snapshot);
        if (all.isEmpty()) {
            return count(0);
        }
        String scan = table.scanSql(table.dataFiles(snapshot), true, true);
        List<Map<String, Object>> hits = engine.selectGenerated(table.name(), "SELECT __dl_file AS f, count(*) AS n FROM (" + scan + ") AS " + alias
                + " WHERE " + condition + " GROUP BY 1");
        long matched = 0;
        Set<String> affected = new HashSet<>();
        for (Map<String, Object> h : hits) {
            affected.add((String) h.get("f"));
            matched += ((Number) h.get("n")).longValue();
        }
        if (affected.isEmpty()) {
            return count(0);
        }
        List<DataFile> old = all.stream().filter(f -> affected.contains(f.location())).toList();
        String affectedScan = table.scanSql(old.stream().map(DataFile::location).toList(), true, false);
        DataFile replacement;
        try (DuckDBConnection c = engine.newConnection()) {
            replacement = DataFileOutput.write(c, table, rowsOf.apply(affectedScan));
        } catch (SQLException e) {
            throw SqlErrors.mapGenerated(e, engine, table.name());
        }
        try {
            OverwriteFiles overwrite = ai.deeplake4j.engine.table.InlineCommits.inline(table.iceberg().newOverwrite())
                    .validateFromSnapshot(snapshot).validateNoConflictingDeletes();
            old.forEach(overwrite::deleteFile);
            if (replacement != null) {
                overwrite.addFile(replacement);
            }
            overwrite.commit();
        } catch (org.apache.iceberg.exceptions.CommitStateUnknownException e) {
            throw new TableException("The outcome of the change to table '" + table.name() + "' is unknown: " + e.getMessage()
                    + ". Check the table's rows before retrying the statement.", e); // its file may be in the table: keep it
        } catch (RuntimeException e) {
            if (replacement != null && e instanceof org.apache.iceberg.exceptions.CleanableFailure) {
                try {
                    java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(replacement.location()));
                } catch (java.io.IOException ignored) {
                    // an orphan file; OrphanFiles removes it a day later
                }
            }
            boolean certain = e instanceof org.apache.iceberg.exceptions.CleanableFailure;
            throw new TableException("Could not commit the change to table '" + table.name() + "': " + e.getMessage()
                    + (certain ? ". Nothing was changed; retry the statement."
                    : ". Iceberg does not say whether it was applied: check the table's rows or history() before retrying."), e);
        }
        return count(matched);
    }

    private static String columnList(LakeTable table) {
        StringBuilder sb = new StringBuilder(Sql.identifier(Lake.ROW_ID));
        for (Column c : table.schema().columns()) {
            sb.append(", ").append(Sql.identifier(c.name()));
        }
        return sb.toString();
    }

    List<Map<String, Object>> createTable(Statement.CreateTable create) {
        Names.table(create.table());
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Statement.ColumnDefinition def : create.columns()) {
            if (types.put(def.name(), PgTypes.parse(def.name(), def.type())) != null) {
                throw new QueryException("Column '" + def.name() + "' appears twice in CREATE TABLE " + create.table() + ".");
            }
        }
        if (types.isEmpty()) {
            throw new QueryException("CREATE TABLE " + create.table() + " needs at least one column.");
        }
        try {
            engine.lake().create(engine.namespace(), create.table(), TableSchema.of(types));
        } catch (TableException e) {
            if (!create.ifNotExists()) {
                throw e;
            }
        }
        engine.reloadTableNames();
        return List.of();
    }

    List<Map<String, Object>> dropTable(Statement.DropTable drop) {
        for (String name : drop.tables()) {
            LakeTable t = engine.lake().load(engine.namespace(), Names.table(name));
            if (t == null) {
                if (drop.ifExists()) {
                    continue;
                }
                throw engine.notFound(name);
            }
            engine.dropTable(t.name());
        }
        return List.of();
    }

    private static List<Map<String, Object>> count(long n) {
        return List.of(Map.of("count", n));
    }
}
