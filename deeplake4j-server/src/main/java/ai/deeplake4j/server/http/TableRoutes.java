package ai.deeplake4j.server.http;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TableInfo;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import ai.deeplake4j.server.lake.Lake;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Table endpoints of ARCHITECTURE 2.2: list ({@code {"tables": [{"table_name"}]}}), create
 * ({@code {"table_name", "table_schema": {col: type}}}, 409 when it exists), describe, drop
 * ({@code ?if_exists=false} makes a missing table 404), and index creation and removal.
 */
public final class TableRoutes {

    private final Lake lake;
    private final long maxBodyBytes;

    public TableRoutes(Lake lake, long maxBodyBytes) {
        this.lake = lake;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code GET /workspaces/{ws}/tables}. */
    public void list(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        List<Map<String, Object>> tables = new ArrayList<>();
        for (String name : scope.lake().client().listTables()) {
            tables.add(Map.of("table_name", name));
        }
        Json.respond(ctx, 200, Map.of("tables", tables));
    }

    /** {@code POST /workspaces/{ws}/tables}. */
    public void create(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        JsonNode body = Json.body(ctx, maxBodyBytes);
        String table = Names.table(Json.text(body, "table_name", "\"table_name\" is required."));
        TableSchema schema = schema(body.get("table_schema"));
        if (scope.lake().client().listTables().contains(table)) {
            throw ApiError.conflict("table_exists", "Table already exists: " + table + ". Drop it first or choose another name.");
        }
        try (TableWriter writer = scope.lake().store().openWriter(table, schema)) {
            writer.sync();
        }
        scope.lake().written().accept(table);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table_name", table);
        out.put("dataset_path", scope.datasetPath(table));
        Json.respond(ctx, 201, out);
    }

    /** {@code GET /workspaces/{ws}/tables/{name}}. */
    public void describe(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        String table = Names.table(ctx.pathParam("name"));
        Json.respond(ctx, 200, details(scope.lake().client().describeTable(table)));
    }

    /** {@code DELETE /workspaces/{ws}/tables/{name}}. */
    public void drop(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        String table = Names.table(ctx.pathParam("name"));
        boolean ifExists = !"false".equalsIgnoreCase(ctx.queryParam("if_exists"));
        scope.lake().client().dropTable(table, ifExists);
        Json.respond(ctx, 200, Map.of("table_name", table, "dropped", true));
    }

    /** {@code POST /workspaces/{ws}/tables/{name}/indexes} with {@code {"column", "index_type"?}}. */
    public void createIndex(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        String table = Names.table(ctx.pathParam("name"));
        JsonNode body = Json.body(ctx, maxBodyBytes);
        String column = Names.column(Json.text(body, "column", "\"column\" is required: the column to index."));
        JsonNode type = body.get("index_type");
        scope.lake().client().createIndex(table, column, type == null || type.isNull() ? null : type.asText());
        Json.respond(ctx, 201, Map.of("table_name", table, "column", column));
    }

    /** {@code DELETE /workspaces/{ws}/tables/{name}/indexes/{column}}. */
    public void dropIndex(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        String table = Names.table(ctx.pathParam("name"));
        String column = Names.column(ctx.pathParam("column"));
        scope.lake().client().dropIndex(table, column);
        Json.respond(ctx, 200, Map.of("table_name", table, "column", column, "dropped", true));
    }

    /** {@code {col: type}} in order; each column name checked by {@link Names#column} (400 {@code invalid_column_name}). */
    static TableSchema schema(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw ApiError.badRequest("missing_field", "\"table_schema\" is required: an object of column name to type, e.g. {\"text\": \"TEXT\"}.");
        }
        List<Column> columns = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            columns.add(new Column(Names.column(f.getKey()), ColumnType.parse(f.getValue().asText())));
        }
        return new TableSchema(columns);
    }

    /** The wire form of {@link TableInfo}. */
    static Map<String, Object> details(TableInfo info) {
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Column c : info.columns()) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c.name());
            col.put("type", c.type().toString());
            col.put("index", c.index());
            columns.add(col);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table_name", info.name());
        out.put("dataset_path", info.datasetPath());
        out.put("columns", columns);
        out.put("row_count", info.rowCount());
        out.put("snapshot_id", info.snapshotId());
        return out;
    }
}
