package ai.deeplake4j.client.ingest;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.client.http.HttpTransport;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableStore;
import ai.deeplake4j.ingest.write.TableWriter;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link TableStore} of remote ingest: the pipeline runs in the caller's process and its
 * writers stream row batches to the server ({@code POST .../tables/{t}/writer} opens a server-side
 * writer, creating or checking the table; then one {@code POST .../writer/{id}/rows} stream per
 * commit, {@code .../sync} and {@code DELETE .../writer/{id}}).
 */
public final class RemoteTableStore implements TableStore {

    private final HttpTransport transport;
    private final String workspace;
    private final Duration timeout;

    public RemoteTableStore(HttpTransport transport, String workspace, Duration timeout) {
        this.transport = transport;
        this.workspace = workspace;
        this.timeout = timeout;
    }

    /**
     * Opens a server-side writer on {@code table}.
     *
     * @throws ai.deeplake4j.api.error.TableException a table or column name that breaks its rule
     *         ({@link Names}), before anything is sent, or the server's refusal
     */
    @Override
    public TableWriter openWriter(String table, TableSchema schema) {
        Map<String, String> types = new LinkedHashMap<>();
        schema.columns().forEach(c -> types.put(Names.column(c.name()), c.type().toString()));
        JsonNode answer = transport.send("POST", tablePath(table) + "/writer", Map.of("table_schema", types), timeout);
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : answer.path("columns")) {
            columns.add(new Column(c.path("name").asText(), ColumnType.parse(c.path("type").asText())));
        }
        String writer = tablePath(table) + "/writer/" + HttpTransport.segment(answer.path("writer_id").asText());
        return new RemoteTableWriter(transport, writer, table, new TableSchema(columns), timeout);
    }

    @Override
    public String datasetPath(String table) {
        return "al://" + workspace + "/" + table;
    }

    private String tablePath(String table) {
        return "/workspaces/" + HttpTransport.segment(Names.workspace(workspace)) + "/tables/" + HttpTransport.segment(Names.table(table));
    }
}
