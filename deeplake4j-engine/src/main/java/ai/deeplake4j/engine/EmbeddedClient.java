package ai.deeplake4j.engine;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.api.ClientConfig;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.schema.TableInfo;
import ai.deeplake4j.engine.lake.Lake;
import ai.deeplake4j.api.Names;
import ai.deeplake4j.engine.search.lake.SearchLayer;
import ai.deeplake4j.engine.sql.QueryEngine;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.ingest.normalize.Normalizers;
import ai.deeplake4j.ingest.pipeline.IngestPipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded {@link Client}: an in-process lake (ARCHITECTURE 1.1), the default when no server
 * URL is configured. One client works on one workspace of one organization; several clients may
 * share a {@link Lake} (the server does). Thread-safe.
 *
 * <pre>{@code
 * try (Client client = EmbeddedClient.open(Path.of("deeplake-data"))) {
 *     client.ingest("docs", Map.of("path", List.of("notes/")), IngestOptions.builder().schema("path", "FILE").build());
 *     client.query("SELECT text FROM docs WHERE text ILIKE $1 LIMIT 5", "%lake%");
 * }
 * }</pre>
 */
public final class EmbeddedClient implements Client {
    /** The organization of a lake used without a server. */
    public static final String DEFAULT_ORG = "local";

    private final Lake lake;
    private final boolean ownsLake;
    private final QueryEngine engine;
    private final SearchLayer search;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedClient(Lake lake, boolean ownsLake, String org, String workspace) {
        this.lake = lake;
        this.ownsLake = ownsLake;
        this.engine = new QueryEngine(lake, Lake.namespace(org, workspace), workspace);
        this.search = SearchLayer.install(engine);
        engine.onDrop(new ThumbnailCleanup(engine)::beforeDrop);
    }

    /** Opens the lake at {@code dir} (created if missing), workspace {@code default}. */
    public static EmbeddedClient open(Path dir) {
        return open(dir, DEFAULT_ORG, ClientConfig.DEFAULT_WORKSPACE);
    }

    /**
     * Opens the lake at {@code dir} for one organization's workspace.
     *
     * @throws ai.deeplake4j.api.error.WorkspaceException for an invalid org or workspace name
     */
    public static EmbeddedClient open(Path dir, String org, String workspace) {
        Lake.namespace(org, workspace);
        Lake lake = Lake.open(dir);
        try {
            return new EmbeddedClient(lake, true, org, workspace);
        } catch (RuntimeException e) {
            lake.close();
            throw e;
        }
    }

    /** A client on a lake someone else owns and closes (e.g. the server's). */
    public static EmbeddedClient on(Lake lake, String org, String workspace) {
        return new EmbeddedClient(lake, false, org, workspace);
    }

    /** The SQL engine of this client's workspace, for the search and dataset layers. */
    public QueryEngine engine() {
        return engine;
    }

    @Override
    public IngestResult ingest(String table, Map<String, ? extends List<?>> data, IngestOptions options) {
        checkOpen();
        Names.table(table);
        IngestOptions opts = options == null ? IngestOptions.defaults() : options;
        IngestResult result;
        try {
            result = new IngestPipeline(engine.store(), Normalizers.defaults()).ingest(table, data, opts);
        } finally {
            engine.reloadTableNames();
        }
        engine.compactIfNeeded(table);
        // D5: the requested indexes are built (or brought up to date) after the rows are committed.
        opts.index().forEach((column, type) -> search.createIndex(table, column, type, true));
        return result;
    }

    /** Runs the statement with no timeout (see {@link Client#query(String, java.time.Duration, Object...)}). */
    @Override
    public List<Map<String, Object>> query(String sql, Object... params) {
        checkOpen();
        return engine.execute(sql, params);
    }

    @Override
    public List<Map<String, Object>> query(String sql, java.time.Duration timeout, Object... params) {
        checkOpen();
        return engine.execute(sql, Client.checkTimeout(timeout), params);
    }

    /**
     * The workspace's user tables. The workspace's {@code thumbnails} table (ARCHITECTURE 2.5),
     * which ingest fills, is not one of them: it is left out here and read with SQL ({@code SELECT
     * dimension, content FROM thumbnails WHERE file_id = $1}).
     */
    @Override
    public List<String> listTables() {
        checkOpen();
        return lake.listTables(engine.namespace()).stream()
                .filter(t -> !t.equalsIgnoreCase(ai.deeplake4j.ingest.pipeline.IngestPipeline.THUMBNAILS_TABLE)).toList();
    }

    @Override
    public void dropTable(String table, boolean ifExists) {
        checkOpen();
        if (lake.load(engine.namespace(), Names.table(table)) == null) {
            if (ifExists) {
                return;
            }
            throw engine.notFound(table);
        }
        engine.dropTable(table);
    }

    @Override
    public TableInfo describeTable(String table) {
        checkOpen();
        LakeTable t = engine.table(Names.table(table));
        return new TableInfo(t.name(), engine.store().datasetPath(t.name()), search.withIndexes(t.name(), t.schema().columns()),
                t.rowCount(), t.snapshotId());
    }

    /**
     * Creates the search index of a column and fills it (ARCHITECTURE D2, 2.3): {@code bm25} for TEXT,
     * {@code clustered} for EMBEDDING, {@code pooled_quantized} for EMBEDDING_2D by default. Creating
     * the index a column already has brings it up to date.
     *
     * @throws ai.deeplake4j.api.error.TableException unknown table or column, unknown index type, or a
     *                                                different index already on the column
     */
    @Override
    public void createIndex(String table, String column, String indexType) {
        checkOpen();
        search.createIndex(Names.table(table), column, indexType, true);
    }

    /**
     * Drops the index of a column; queries then use the exact routes.
     *
     * @throws ai.deeplake4j.api.error.TableException unknown table, or the column has no index
     */
    @Override
    public void dropIndex(String table, String column) {
        checkOpen();
        search.dropIndex(Names.table(table), column);
    }

    @Override
    public ai.deeplake4j.api.dataset.Dataset openTable(String table) {
        checkOpen();
        LakeTable t = engine.table(Names.table(table));
        return ai.deeplake4j.engine.dataset.LakeDataset.open(engine, t, t.snapshotId());
    }

    @Override
    public ai.deeplake4j.api.dataset.Dataset openTable(String table, String versionOrTag) {
        checkOpen();
        LakeTable t = engine.table(Names.table(table));
        return ai.deeplake4j.engine.dataset.LakeDataset.open(engine, t, ai.deeplake4j.engine.dataset.Versions.resolve(t, versionOrTag));
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new ManagedServiceException("This client is closed.");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            search.close();
            engine.close();
            if (ownsLake) {
                lake.close();
            }
        }
    }
}
