package ai.deeplake4j.engine;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.api.ClientConfig;
import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.schema.TableInfo;
import ai.deeplake4j.engine.lake.Lake;
import ai.deeplake4j.engine.lake.Names;
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
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedClient(Lake lake, boolean ownsLake, String org, String workspace) {
        this.lake = lake;
        this.ownsLake = ownsLake;
        this.engine = new QueryEngine(lake, Lake.namespace(org, workspace), workspace);
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
        if (!options.index().isEmpty()) {
            throw new IngestException("The index option is not available in this build; ingest without it.");
        }
        try {
            return new IngestPipeline(engine.store(), Normalizers.defaults()).ingest(table, data, options == null ? IngestOptions.defaults() : options);
        } finally {
            engine.reloadTableNames();
        }
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... params) {
        checkOpen();
        return engine.execute(sql, params);
    }

    @Override
    public List<String> listTables() {
        checkOpen();
        return lake.listTables(engine.namespace());
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
        lake.drop(engine.namespace(), table);
        engine.dropView(table);
    }

    @Override
    public TableInfo describeTable(String table) {
        checkOpen();
        LakeTable t = engine.table(Names.table(table));
        return new TableInfo(t.name(), engine.store().datasetPath(t.name()), t.schema().columns(), t.rowCount(), t.snapshotId());
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new ManagedServiceException("This client is closed.");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            engine.close();
            if (ownsLake) {
                lake.close();
            }
        }
    }
}
