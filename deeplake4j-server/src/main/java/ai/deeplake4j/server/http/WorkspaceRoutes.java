package ai.deeplake4j.server.http;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.WorkspaceException;
import ai.deeplake4j.server.auth.Caller;
import ai.deeplake4j.server.lake.Lake;
import ai.deeplake4j.server.lake.WorkspaceRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workspace endpoints of ARCHITECTURE 2.2 ({@code GET/POST /workspaces},
 * {@code GET/PATCH/DELETE /workspaces/{ws}}), {@code GET /me}, and the storage credentials
 * endpoint {@code GET /api/org/{ws}/ds/{table}/creds}. All act inside the caller's organization.
 */
public final class WorkspaceRoutes {

    private final Lake lake;
    private final WorkspaceRegistry registry;
    private final long maxBodyBytes;

    public WorkspaceRoutes(Lake lake, WorkspaceRegistry registry, long maxBodyBytes) {
        this.lake = lake;
        this.registry = registry;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code GET /workspaces} → {@code {"workspaces": [{"id", "name", "created_at"}]}}. */
    public void list(Context ctx) {
        String org = Authenticator.caller(ctx).org();
        List<Map<String, Object>> out = new ArrayList<>();
        registry.list(org, lake.workspaces(org)).forEach(w -> out.add(wire(w)));
        Json.respond(ctx, 200, Map.of("workspaces", out));
    }

    /** {@code POST /workspaces} with {@code {"id", "name"?}}; 400 without id, 409 when it exists. */
    public void create(Context ctx) {
        String org = Authenticator.caller(ctx).org();
        JsonNode body = Json.body(ctx, maxBodyBytes);
        JsonNode id = body.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw ApiError.badRequest("workspace_id_required", "workspace ID is required");
        }
        String ws = Names.workspace(id.asText());
        if (lake.workspaces(org).contains(ws) || WorkspaceRegistry.DEFAULT.equals(ws)) {
            throw new WorkspaceException("Workspace already exists: " + ws + ". Choose another id.");
        }
        JsonNode name = body.get("name");
        Json.respond(ctx, 201, wire(registry.create(org, ws, name == null || name.isNull() ? null : name.asText())));
    }

    /** {@code GET /workspaces/{ws}}. */
    public void get(Context ctx) {
        String org = Authenticator.caller(ctx).org();
        String ws = Names.workspace(ctx.pathParam("ws"));
        WorkspaceRegistry.Workspace w = registry.get(org, ws);
        if (w == null && !lake.workspaces(org).contains(ws)) {
            throw new WorkspaceException("Workspace not found: " + ws + ". Create it with POST /workspaces.");
        }
        Json.respond(ctx, 200, wire(w == null ? new WorkspaceRegistry.Workspace(ws, ws, null) : w));
    }

    /** {@code PATCH /workspaces/{ws}} with {@code {"name"}}. */
    public void rename(Context ctx) {
        String org = Authenticator.caller(ctx).org();
        String ws = Names.workspace(ctx.pathParam("ws"));
        String name = Json.text(Json.body(ctx, maxBodyBytes), "name", "\"name\" is required: the new display name.");
        if (registry.get(org, ws) == null && !lake.workspaces(org).contains(ws)) {
            throw new WorkspaceException("Workspace not found: " + ws + ". Create it with POST /workspaces.");
        }
        Json.respond(ctx, 200, wire(registry.rename(org, ws, name)));
    }

    /** {@code DELETE /workspaces/{ws}}: drops its tables and forgets it. */
    public void delete(Context ctx) {
        String org = Authenticator.caller(ctx).org();
        String ws = Names.workspace(ctx.pathParam("ws"));
        boolean known = lake.workspaces(org).contains(ws);
        boolean registered = registry.remove(org, ws);
        if (!known && !registered) {
            throw new WorkspaceException("Workspace not found: " + ws + ".");
        }
        lake.dropWorkspace(org, ws);
        Json.respond(ctx, 200, Map.of("id", ws, "deleted", true));
    }

    /** {@code GET /me} → {@code {"id", "org_id", "orgs"}}. */
    public void me(Context ctx) {
        Caller caller = Authenticator.caller(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", caller.subject());
        out.put("org_id", caller.org());
        out.put("orgs", caller.orgs());
        Json.respond(ctx, 200, out);
    }

    /**
     * {@code GET /api/org/{ws}/ds/{table}/creds}: where {@code al://{ws}/{table}} is stored, as
     * {@code {"dataset_path", "storage": "file", "path", "creds": {}}} with {@code path} relative to the
     * server's lake directory ({@code warehouse/<org>/<ws>/<table>}): the server's own directories
     * stay private, and a local lake needs no credentials.
     */
    public void credentials(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        String table = Names.table(ctx.pathParam("table"));
        if (!scope.lake().client().listTables().contains(table)) {
            throw ApiError.notFound("table_not_found", "Table not found: " + table + " in workspace " + scope.workspace() + ".");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset_path", scope.datasetPath(table));
        out.put("storage", "file");
        out.put("path", scope.lake().storagePath() + "/" + table);
        out.put("creds", Map.of());
        Json.respond(ctx, 200, out);
    }

    private static Map<String, Object> wire(WorkspaceRegistry.Workspace w) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", w.id());
        out.put("name", w.name());
        out.put("created_at", w.createdAt());
        return out;
    }
}
