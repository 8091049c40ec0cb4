package ai.deeplake4j.client.ingest;

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
 * writers stream row batches to the server ({@code POST .../tables/{t}/writer} to create or check
 * the table, then one {@code POST .../tables/{t}/rows} stream per commit).
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

    @Override
    public TableWriter openWriter(String table, TableSchema schema) {
        Map<String, String> types = new LinkedHashMap<>();
        schema.columns().forEach(c -> types.put(c.name(), c.type().toString()));
        JsonNode answer = transport.send("POST", tablePath(table) + "/writer", Map.of("table_schema", types), timeout);
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : answer.path("columns")) {
            columns.add(new Column(c.path("name").asText(), ColumnType.parse(c.path("type").asText())));
        }
        return new RemoteTableWriter(transport, tablePath(table) + "/rows", table, new TableSchema(columns));
    }

    @Override
    public String datasetPath(String table) {
        return "al://" + workspace + "/" + table;
    }

    private String tablePath(String table) {
        return "/workspaces/" + HttpTransport.segment(workspace) + "/tables/" + HttpTransport.segment(ai.deeplake4j.client.TableNames.check(table));
    }
}
