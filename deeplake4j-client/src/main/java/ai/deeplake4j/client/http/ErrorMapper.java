package ai.deeplake4j.client.http;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.AuthException;
import ai.deeplake4j.api.error.CredentialsException;
import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.QueryTimeoutException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.error.TokenException;
import ai.deeplake4j.api.error.WorkspaceException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Maps an HTTP error response to the exception hierarchy of ARCHITECTURE 2.7, keeping the
 * server's message. The body's {@code code} decides when present; otherwise the status does
 * (401 → {@link TokenException}, 403 → {@link AuthException}, ...).
 */
public final class ErrorMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorMapper() {
    }

    /** The exception for a response with {@code status} and {@code body} (may be empty or not JSON). */
    public static ManagedServiceException map(int status, byte[] body, String method, String path) {
        String message = null;
        String code = null;
        try {
            JsonNode node = body == null || body.length == 0 ? null : JSON.readTree(body);
            if (node != null && node.isObject()) {
                message = text(node, "message");
                if (message == null) {
                    message = text(node, "detail");
                }
                if (message == null) {
                    message = text(node, "error");
                }
                code = text(node, "code");
            }
        } catch (java.io.IOException notJson) {
            message = null;
        }
        if (message == null) {
            message = "HTTP " + status + " from " + method + " " + path;
        }
        return forCode(code, status, message);
    }

    static ManagedServiceException forCode(String code, int status, String message) {
        String c = code == null ? "" : code;
        if (c.equals("invalid_token") || c.startsWith("token_")) {
            return new TokenException(message);
        }
        if (c.equals("missing_token") || c.equals("forbidden") || c.equals("unauthorized")) {
            return new AuthException(message);
        }
        if (c.startsWith("credentials")) {
            return new CredentialsException(message);
        }
        if (c.startsWith("table_") || c.equals(Names.Kind.TABLE.code()) || c.equals(Names.Kind.COLUMN.code())
                || c.equals(Names.Kind.INDEX.code())) {
            return new TableException(message);
        }
        if (c.startsWith("workspace_") || c.equals(Names.Kind.WORKSPACE.code()) || c.equals(Names.Kind.ORG.code())) {
            return new WorkspaceException(message);
        }
        if (c.equals("query_timeout") || status == 408) {
            return new QueryTimeoutException(message);
        }
        if (c.startsWith("query_") || c.startsWith("sql_")) {
            return new QueryException(message);
        }
        if (c.startsWith("ingest_")) {
            return new IngestException(message);
        }
        return switch (status) {
            case 401 -> new TokenException(message);
            case 403 -> new AuthException(message);
            case 404 -> new TableException(message);
            case 409 -> new TableException(message);
            default -> new ManagedServiceException(message);
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
