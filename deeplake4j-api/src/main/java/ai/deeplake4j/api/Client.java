package ai.deeplake4j.api;

import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.QueryTimeoutException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.query.QueryBuilder;
import ai.deeplake4j.api.schema.TableInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The Deeplake client (ARCHITECTURE 2.1): ingest data into named tables, query them with SQL,
 * manage tables and indexes. Two implementations share this contract: embedded (an in-process
 * lake) and remote (HTTP). Thread-safe; close it to release the lake or connections.
 *
 * <p>Errors are {@link ManagedServiceException}s: {@code IngestException}, {@code TableException},
 * {@code QueryException}, {@code AuthException}, ...
 */
public interface Client extends AutoCloseable {

    /**
     * Opens a client for the configuration through the providers on the class path.
     *
     * @throws ManagedServiceException when no provider serves it (e.g. remote without deeplake4j-client)
     */
    static Client connect(ClientConfig config) {
        if (config.usesDefaultLake()) {
            DefaultLakeNotice.once(config.lake());
        }
        for (ClientProvider provider : ServiceLoader.load(ClientProvider.class)) {
            if (provider.supports(config)) {
                return provider.open(config);
            }
        }
        throw new ManagedServiceException("No deeplake4j client for " + (config.isEmbedded()
                ? "an embedded lake: add deeplake4j-engine to the class path."
                : "server " + config.apiUrl() + ": add deeplake4j-client to the class path."));
    }

    /**
     * Opens a client from {@code DEEPLAKE_*} environment variables: remote on {@code
     * DEEPLAKE_API_URL} when set, else embedded on {@code DEEPLAKE4J_HOME}, else on {@code
     * ~/.deeplake4j} (logged once per process at INFO, so a lake never appears unannounced).
     */
    static Client connect() {
        return connect(ClientConfig.fromEnvironment());
    }

    /**
     * Ingests data into {@code table}, creating it or appending when its schema is compatible.
     * Dispatch (Deeplake): {@code options.format()} wins (data ignored); else
     * {@code {"_huggingface": name}}; else columns typed {@code FILE} in the schema hold file paths
     * to normalize; else the map is column data (equal-length lists).
     *
     * @param table   table name ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63 chars)
     * @param data    column name to values, or null with a format
     * @param options ingest options ({@link IngestOptions#defaults()})
     * @return table name, rows added and {@code al://<workspace>/<table>}
     * @throws ai.deeplake4j.api.error.IngestException bad data, missing file, no data nor format
     * @throws ai.deeplake4j.api.error.TableException  incompatible append, invalid table name
     */
    IngestResult ingest(String table, Map<String, ? extends List<?>> data, IngestOptions options);

    /** {@link #ingest(String, Map, IngestOptions)} with default options. */
    default IngestResult ingest(String table, Map<String, ? extends List<?>> data) {
        return ingest(table, data, IngestOptions.defaults());
    }

    /**
     * Runs one SQL statement (PostgreSQL dialect, pg_deeplake semantics) with {@code $1, $2, ...}
     * parameters. SELECT returns rows; INSERT, UPDATE and DELETE commit and return
     * {@code [{"count": n}]}; DDL returns an empty list.
     *
     * @return rows as maps keeping the column order
     * @throws ai.deeplake4j.api.error.QueryException malformed SQL (with the position) or a failure
     * @throws ai.deeplake4j.api.error.TableException unknown table
     */
    List<Map<String, Object>> query(String sql, Object... params);

    /**
     * {@link #query(String, Object...)} that is cancelled when it runs longer than {@code timeout}:
     * its running DuckDB statements are interrupted, what it had not committed is discarded, and a
     * {@link QueryTimeoutException} ("Query timed out after N ms ...") is raised within about a
     * second of the deadline. Statements that already committed (in a multi-statement text) stay.
     *
     * <p>Without this overload: the embedded client sets no timeout (the caller owns the thread,
     * and a local {@code CREATE INDEX} or {@code INSERT ... SELECT} over millions of rows may
     * rightly take minutes); the remote client sends Deeplake's default of 60 s
     * (ARCHITECTURE 2.8), which the server applies to protect what its clients share.
     *
     * @param timeout how long the query may run, more than zero (a server caps it at its maximum, 10 min by default)
     * @throws QueryTimeoutException    when the timeout passed and the query was cancelled
     * @throws IllegalArgumentException when {@code timeout} is null, zero or negative
     * @throws ai.deeplake4j.api.error.QueryException malformed SQL or a failure, as {@link #query(String, Object...)}
     */
    default List<Map<String, Object>> query(String sql, Duration timeout, Object... params) {
        throw new ManagedServiceException("query with a timeout is not supported by this client");
    }

    /**
     * Checks a timeout passed to {@link #query(String, Duration, Object...)}.
     *
     * @throws IllegalArgumentException when it is null, zero or negative
     */
    static Duration checkTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("A query timeout must be more than zero, got " + timeout);
        }
        return timeout;
    }

    /** A fluent SELECT on {@code table}. */
    default QueryBuilder table(String table) {
        return new QueryBuilder(this::query, table);
    }

    /** Table names of the workspace, sorted. */
    List<String> listTables();

    /**
     * Drops a table and its data.
     *
     * @throws ai.deeplake4j.api.error.TableException when it does not exist and {@code ifExists} is false
     */
    void dropTable(String table, boolean ifExists);

    /** {@code dropTable(table, true)}, as Deeplake's default {@code if_exists=True}. */
    default void dropTable(String table) {
        dropTable(table, true);
    }

    /**
     * Columns, types, indexes and row count of a table.
     *
     * @throws ai.deeplake4j.api.error.TableException unknown table
     */
    TableInfo describeTable(String table);

    /**
     * Creates a search index on a column ({@code bm25} for TEXT, {@code clustered} for EMBEDDING
     * by default).
     *
     * @throws ai.deeplake4j.api.error.TableException unknown table or column, unknown or conflicting index type
     */
    default void createIndex(String table, String column, String indexType) {
        throw new ManagedServiceException("createIndex is not supported by this client");
    }

    /** {@link #createIndex(String, String, String)} with the column type's default index. */
    default void createIndex(String table, String column) {
        createIndex(table, column, null);
    }

    /** Drops the index on a column. */
    default void dropIndex(String table, String column) {
        throw new ManagedServiceException("dropIndex is not supported by this client");
    }

    /**
     * Opens a table for training and versioning at its current version.
     *
     * @throws ai.deeplake4j.api.error.TableException unknown table
     */
    default ai.deeplake4j.api.dataset.Dataset openTable(String table) {
        throw new ManagedServiceException("openTable is not supported by this client");
    }

    /**
     * Opens a table at a version: a version id ({@link ai.deeplake4j.api.dataset.Version#id()}) or a tag.
     *
     * @throws ai.deeplake4j.api.error.TableException unknown table, version or tag
     */
    default ai.deeplake4j.api.dataset.Dataset openTable(String table, String versionOrTag) {
        throw new ManagedServiceException("openTable is not supported by this client");
    }

    /** Releases the lake or the connections; further calls fail. */
    @Override
    void close();
}
