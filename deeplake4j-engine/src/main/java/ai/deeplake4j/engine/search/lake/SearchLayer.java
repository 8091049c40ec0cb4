package ai.deeplake4j.engine.search.lake;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.engine.index.IndexType;
import ai.deeplake4j.engine.index.SearchIndex;
import ai.deeplake4j.engine.index.TableIndexes;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.exec.IndexMaintenance;
import ai.deeplake4j.engine.search.exec.SearchExecutor;
import ai.deeplake4j.engine.search.sql.SearchContext;
import ai.deeplake4j.engine.search.sql.SearchRewriter;
import ai.deeplake4j.engine.sql.QueryEngine;
import ai.deeplake4j.engine.sql.Statement;
import ai.deeplake4j.engine.sql.Token;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.engine.table.RowLocator;
import ai.deeplake4j.engine.table.Sql;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The search layer of one workspace's engine (ARCHITECTURE D2): the indexes of its tables
 * ({@code <table>/index/<fieldId>/}), the {@code <#>}/{@code @>} rewriting of queries, index DDL,
 * and the index operations of the embedded client. Installed into a {@link QueryEngine} with
 * {@link #install}. Thread-safe.
 */
public final class SearchLayer implements SearchContext, AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SearchLayer.class);

    /** Hit lists larger than this reach DuckDB through a table rather than a VALUES list. */
    private static final int VALUES_LIMIT = 2000;

    private final QueryEngine engine;
    private final SearchExecutor executor;
    private final IndexMaintenance maintenance;
    private final SearchRewriter rewriter = new SearchRewriter(this);
    private final Map<String, TableIndexes> indexes = new HashMap<>();
    private final Map<String, RowLocator> locators = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong scoreTables = new AtomicLong();

    private SearchLayer(QueryEngine engine) {
        this.engine = engine;
        this.maintenance = new IndexMaintenance(Math.max(1, Runtime.getRuntime().availableProcessors()));
        this.executor = new SearchExecutor(maintenance);
    }

    /** Creates the layer and installs its query and index-DDL handlers into {@code engine}. */
    public static SearchLayer install(QueryEngine engine) {
        SearchLayer layer = new SearchLayer(engine);
        engine.setIndexDdlHandler(layer::executeDdl);
        engine.setSearchHandler(layer::executeQuery);
        engine.onDrop(layer::tableDropped);
        return layer;
    }

    @Override
    public LakeSearchTable table(String name) {
        LakeTable t = engine.current(name);
        return new LakeSearchTable(t, engine::newConnection,
                locators.computeIfAbsent(t.iceberg().location(), k -> new RowLocator(engine::newConnection)));
    }

    @Override
    public synchronized TableIndexes indexes(String table) {
        LakeTable t = engine.current(table);
        String key = t.iceberg().location();
        return indexes.computeIfAbsent(key, k -> new TableIndexes(t.name(), Path.of(k), t.fieldIdsByColumn()));
    }

    @Override
    public SearchExecutor executor() {
        return executor;
    }

    @Override
    public String scoreRelation(List<Hit> hits, List<Runnable> cleanup) {
        if (hits.isEmpty()) {
            return "(SELECT CAST(NULL AS VARCHAR), CAST(NULL AS DOUBLE) WHERE false)";
        }
        if (hits.size() <= VALUES_LIMIT) {
            StringBuilder sb = new StringBuilder("(VALUES ");
            for (int i = 0; i < hits.size(); i++) {
                Hit h = hits.get(i);
                sb.append(i == 0 ? "" : ", ").append('(').append(Sql.literal(h.id())).append(", CAST(")
                        .append(Double.isFinite(h.score()) ? Double.toString(h.score()) : "'" + h.score() + "'").append(" AS DOUBLE))");
            }
            return sb.append(')').toString();
        }
        String name = "__dl_scores_" + scoreTables.incrementAndGet();
        try (DuckDBConnection c = engine.newConnection()) {
            try (var s = c.createStatement()) {
                s.execute("CREATE TABLE " + name + " (_id VARCHAR, score DOUBLE)");
            }
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, name)) {
                for (Hit h : hits) {
                    a.beginRow().append(h.id()).append(h.score()).endRow();
                }
            }
        } catch (SQLException e) {
            throw new QueryException("Cannot stage search scores: " + e.getMessage(), e);
        }
        cleanup.add(() -> {
            try (DuckDBConnection c = engine.newConnection(); var s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + name);
            } catch (SQLException e) {
                // a leftover scratch table in the in-memory database is harmless
            }
        });
        return name;
    }

    /** The query handler: null when the statement has no search operator. */
    private List<Map<String, Object>> executeQuery(List<Token> tokens) {
        if (!SearchRewriter.applies(tokens)) {
            return null;
        }
        SearchRewriter.Rewrite r = rewriter.rewrite(tokens);
        LOG.debug("search routes {}; SQL for DuckDB: {}", r.routes(), r.sql());
        try {
            if (!r.explain()) {
                return engine.select(r.sql());
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String route : r.routes()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("explain_key", "deeplake search");
                row.put("explain_value", route);
                rows.add(row);
            }
            rows.addAll(engine.select("EXPLAIN " + r.sql()));
            return rows;
        } finally {
            r.cleanup().forEach(Runnable::run);
        }
    }

    /** CREATE INDEX / DROP INDEX. */
    private List<Map<String, Object>> executeDdl(Statement.IndexDdl statement) {
        IndexDdl ddl = IndexDdl.parse(statement.tokens());
        ddl.names().forEach(Names::index);
        if (ddl.create()) {
            TableIndexes idx = indexes(ddl.table());
            IndexType existing = idx.typeOf(ddl.column());
            if (existing != null && ddl.ifClause()) {
                IndexType wanted = ddl.indexType() == null ? existing : IndexType.parse(ddl.indexType());
                if (wanted == existing) {
                    return List.of();
                }
            }
            createIndex(ddl.table(), ddl.column(), ddl.indexType(), false);
            String name = ddl.names().isEmpty() ? defaultName(ddl.table(), ddl.column()) : ddl.names().getFirst();
            idx.name(name, ddl.column());
            return List.of();
        }
        for (String name : ddl.names()) {
            if (!dropByName(name) && !ddl.ifClause()) {
                throw new TableException("Index not found: " + name + ". List indexes with describeTable.");
            }
        }
        return List.of();
    }

    /** {@code <table>_<column>_idx} in lower case, cut to the longest index name as PostgreSQL cuts identifiers. */
    private static String defaultName(String table, String column) {
        String name = (table + "_" + column + "_idx").toLowerCase(Locale.ROOT);
        return name.length() <= Names.MAX_LENGTH ? name : name.substring(0, Names.MAX_LENGTH);
    }

    private boolean dropByName(String name) {
        for (String table : engine.lake().listTables(engine.namespace())) {
            TableIndexes idx = indexes(table);
            String column = idx.names().get(name);
            if (column != null) {
                idx.drop(column, false);
                return true;
            }
            for (String col : idx.list().keySet()) {
                if (defaultName(table, col).equals(name)) {
                    idx.drop(col, false);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Creates (and fills) the index on a column.
     *
     * @param ifNotExists an index of the same type already there is brought up to date instead of an error
     * @throws TableException unknown table or column, unknown or conflicting type
     */
    public void createIndex(String table, String column, String indexType, boolean ifNotExists) {
        Names.column(column);
        TableIndexes idx = indexes(table);
        LakeSearchTable t = table(table);
        if (t.columnType(column) == null) {
            throw new TableException("Column not found: " + column + " in table " + t.name() + ". Check the name with describeTable.");
        }
        SearchIndex index = maintenance.create(t, idx, column, indexType, ifNotExists);
        if (idx.names().values().stream().noneMatch(column::equals)) {
            idx.name(defaultName(t.name(), column), column);
        }
        index.refresh();
    }

    /**
     * Drops the index on a column.
     *
     * @throws TableException when the column name breaks its rule (400), does not exist
     *                        ({@code Column "x" does not exist in table "t"}, 404) or has no index
     */
    public void dropIndex(String table, String column) {
        Names.column(column);
        indexes(table).drop(column, false);
    }

    /** The columns with their index types filled in, for describeTable. */
    public List<Column> withIndexes(String table, List<Column> columns) {
        Map<String, ai.deeplake4j.engine.index.IndexMetadata> md = indexes(table).list();
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            var m = md.get(c.name());
            out.add(m == null ? c : new Column(c.name(), c.type(), m.type().sqlName()));
        }
        return out;
    }

    /** Closes a dropped table's indexes (their files go with the table's directory). */
    public synchronized void tableDropped(String table) {
        locators.keySet().removeIf(k -> Path.of(k).getFileName().toString().equalsIgnoreCase(table));
        indexes.entrySet().removeIf(e -> {
            if (Path.of(e.getKey()).getFileName().toString().equalsIgnoreCase(table)) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    /** Closes every index. */
    @Override
    public synchronized void close() {
        indexes.values().forEach(TableIndexes::close);
        indexes.clear();
    }
}
