package ai.deeplake4j.server.http;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.AuthException;
import ai.deeplake4j.api.error.CredentialsException;
import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.error.InternalException;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.error.TokenException;
import ai.deeplake4j.api.error.WorkspaceException;
import ai.deeplake4j.server.sql.SqlRefusedException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any exception of a handler into a status and a JSON body {@code {"message", "code"}}.
 * Domain errors are the request's fault (4xx) and keep their message, which names what is at
 * fault, without the lake's directory ({@link LakePaths}); the engine's own failures
 * ({@link InternalException}) and anything unexpected are logged once, with the stack and an
 * incident id, and answered 500 with that id only, so no stack trace or internal detail reaches a
 * client.
 */
public final class ErrorResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private ErrorResponder() {
    }

    /**
     * Writes the error response for {@code e}: a 500 (a bug, or the engine's own failure) is
     * logged here, once, with its stack, and answered with an incident id only; any other status
     * (4xx, a 503 while shutting down) keeps its message, without the lake's directory ({@code paths}).
     */
    public static void respond(Exception e, Context ctx, LakePaths paths) {
        ApiError error = toApiError(e);
        if (error.status() != 500) {
            String message = paths.redact(error.getMessage());
            if (!message.equals(error.getMessage())) {
                error = new ApiError(error.status(), error.code(), message);
            }
        } else {
            String incident = UUID.randomUUID().toString();
            LOG.error("Request {} {} failed (incident {})", ctx.method(), ctx.path(), incident, e);
            error = new ApiError(error.status(), error.code(), "Internal server error (incident " + incident
                    + "). The server log has the details.");
        }
        respond(ctx, error);
    }

    /** Writes {@code error} as the response. */
    public static void respond(Context ctx, ApiError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", error.getMessage());
        body.put("code", error.code());
        if (error.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        UnreadBody.discard(ctx);
        Json.respond(ctx, error.status(), body);
    }

    /** The error code of a bare HTTP status. */
    public static String httpCode(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 400 -> "bad_request";
            default -> "http_" + status;
        };
    }

    /** The status and code for an exception. */
    public static ApiError toApiError(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        boolean missing = lower.contains("not found") || lower.contains("does not exist") || lower.contains("no such")
                || lower.contains("unknown table");
        return switch (e) {
            case ApiError a -> a;
            // before the wording checks below: a refused name is quoted in the message and may read "not found"
            case Names.InvalidName n -> new ApiError(400, n.kind().code(), m);
            case io.javalin.http.HttpResponseException h -> new ApiError(h.getStatus(), httpCode(h.getStatus()), m);
            case SqlRefusedException s -> new ApiError(400, "sql_refused", m);
            case TokenException t -> new ApiError(401, "invalid_token", m);
            case AuthException a -> new ApiError(403, "forbidden", m);
            case CredentialsException c -> new ApiError(403, "credentials_error", m);
            case WorkspaceException w when lower.contains("already exists") -> new ApiError(409, "workspace_exists", m);
            case WorkspaceException w -> new ApiError(missing ? 404 : 400, missing ? "workspace_not_found" : "workspace_error", m);
            case TableException t when lower.contains("already exists") -> new ApiError(409, "table_exists", m);
            case TableException t -> new ApiError(missing ? 404 : 400, missing ? "table_not_found" : "table_error", m);
            // the engine reports a missing table as a TableException; a QueryException is the statement's
            // fault even when it says "not found" (a column, a function)
            case QueryException q -> new ApiError(400, "query_error", m);
            case IngestException i -> new ApiError(400, "ingest_error", m);
            case InternalException i -> new ApiError(500, "internal", m);
            case ManagedServiceException x -> new ApiError(400, "bad_request", m);
            case IllegalArgumentException x -> new ApiError(400, "bad_request", m);
            default -> new ApiError(500, "internal", m);
        };
    }
}
