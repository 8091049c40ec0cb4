package ai.deeplake4j.client;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.api.ClientConfig;
import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TableInfo;
import ai.deeplake4j.client.http.HttpTransport;
import ai.deeplake4j.client.http.RetryPolicy;
import ai.deeplake4j.client.ingest.RemoteTableStore;
import ai.deeplake4j.ingest.normalize.Normalizers;
import ai.deeplake4j.ingest.pipeline.IngestPipeline;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The remote {@link Client}: the same contract as the embedded one, over the Deeplake REST API
 * (ARCHITECTURE 1.1, 2.2). Queries, tables and indexes are HTTP calls; {@link #ingest} runs the
 * ingest pipeline here (files are normalized in this process) and streams row batches to the
 * server, which commits them. Retries 429/5xx with backoff honouring {@code Retry-After};
 * forwards the query timeout as {@code timeout_ms}; maps HTTP errors to the exception hierarchy
 * with the server's message. Thread-safe.
 */
public final class RemoteClient implements Client {

    /** Default query timeout (ARCHITECTURE 2.8). */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SLACK = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);

    private final HttpTransport transport;
    private final String workspace;
    private final Duration queryTimeout;
    private final RemoteTableStore store;

    /**
     * @param transport    HTTP to the server
     * @param workspace    the workspace this client works in
     * @param queryTimeout server-side timeout of each query ({@code timeout_ms})
     */
    public RemoteClient(HttpTransport transport, String workspace, Duration queryTimeout) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.queryTimeout = queryTimeout;
        this.store = new RemoteTableStore(transport, workspace, CALL_TIMEOUT);
    }

    /** A client for {@code config.apiUrl()} with default retries and timeouts. */
    public static RemoteClient open(ClientConfig config) {
        if (config.apiUrl() == null) {
            throw new IllegalArgumentException("A remote client needs a server URL (DEEPLAKE_API_URL).");
        }
        String org = System.getenv("DEEPLAKE_ORG_ID");
        HttpTransport transport = new HttpTransport(config.apiUrl(), config.token(), org, RetryPolicy.defaults(), Duration.ofSeconds(10));
        return new RemoteClient(transport, config.workspace(), DEFAULT_QUERY_TIMEOUT);
    }

    @Override
    public IngestResult ingest(String table, Map<String, ? extends List<?>> data, IngestOptions options) {
        Names.table(table);
        IngestResult result = new IngestPipeline(store, Normalizers.defaults()).ingest(table, data, options);
        options.index().forEach((column, type) -> createIndex(table, column, type));
        return result;
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... params) {
        return query(sql, queryTimeout, params);
    }

    /**
     * {@link #query(String, Object...)} with its own timeout, sent as {@code timeout_ms}: the server
     * cancels the query at the deadline and answers 408, raised here as a
     * {@link ai.deeplake4j.api.error.QueryTimeoutException}.
     */
    @Override
    public List<Map<String, Object>> query(String sql, Duration timeout, Object... params) {
        Client.checkTimeout(timeout);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", sql);
        body.put("params", params == null ? List.of() : Arrays.asList(params));
        body.put("timeout_ms", timeout.toMillis());
        JsonNode answer = transport.send("POST", tables() + "/query", body, timeout.plus(SLACK));
        List<String> columns = new ArrayList<>();
        answer.path("columns").forEach(c -> columns.add(c.asText()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode row : answer.path("rows")) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i), HttpTransport.JSON.convertValue(row.get(i), Object.class));
            }
            rows.add(map);
        }
        return rows;
    }

    /**
     * Runs one statement once per parameter list ({@code POST .../query/batch}).
     *
     * @return rows changed in all
     */
    public long queryBatch(String sql, List<List<Object>> paramsBatch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", sql);
        body.put("params_batch", paramsBatch);
        body.put("timeout_ms", queryTimeout.toMillis());
        return transport.send("POST", tables() + "/query/batch", body, queryTimeout.plus(SLACK)).path("row_count").asLong();
    }

    @Override
    public List<String> listTables() {
        List<String> names = new ArrayList<>();
        transport.send("GET", tables(), null, CALL_TIMEOUT).path("tables").forEach(t -> names.add(t.path("table_name").asText()));
        names.sort(null);
        return names;
    }

    @Override
    public void dropTable(String table, boolean ifExists) {
        transport.send("DELETE", tablePath(table) + "?if_exists=" + ifExists, null, CALL_TIMEOUT);
    }

    @Override
    public TableInfo describeTable(String table) {
        JsonNode t = transport.send("GET", tablePath(table), null, CALL_TIMEOUT);
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : t.path("columns")) {
            JsonNode index = c.get("index");
            columns.add(new Column(c.path("name").asText(), ColumnType.parse(c.path("type").asText()),
                    index == null || index.isNull() ? null : index.asText()));
        }
        return new TableInfo(t.path("table_name").asText(), t.path("dataset_path").asText(), columns,
                t.path("row_count").asLong(), t.path("snapshot_id").asLong(-1));
    }

    @Override
    public void createIndex(String table, String column, String indexType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("column", Names.column(column));
        body.put("index_type", indexType);
        transport.send("POST", tablePath(table) + "/indexes", body, CALL_TIMEOUT);
    }

    @Override
    public void dropIndex(String table, String column) {
        transport.send("DELETE", tablePath(table) + "/indexes/" + encode(Names.column(column)), null, CALL_TIMEOUT);
    }

    /** The workspace this client works in. */
    public String workspace() {
        return workspace;
    }

    @Override
    public void close() {
        transport.close();
    }

    private String tables() {
        return "/workspaces/" + encode(Names.workspace(workspace)) + "/tables";
    }

    private String tablePath(String table) {
        return tables() + "/" + encode(Names.table(table));
    }

    private static String encode(String segment) {
        return HttpTransport.segment(segment);
    }
}
