package ai.deeplake4j.server.http;

import ai.deeplake4j.ingest.remote.RowStreamFormat;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses request bodies of a type the endpoint does not read, with 415 and a message saying what
 * to send. Every {@code POST}, {@code PUT} and {@code PATCH} body is JSON ({@code application/json},
 * parameters such as {@code charset=utf-8} allowed), except the remote-ingest row stream
 * ({@code POST .../writer/{writer}/rows}), which is {@value RowStreamFormat#MEDIA_TYPE}.
 *
 * <p>A body without a {@code Content-Type} is let through and must then parse as JSON (400
 * otherwise): it claims no type, so it cannot be misread, and minimal clients (a JDK
 * {@code HttpClient} or Python's {@code requests.post(url, data=...)}) send none. A declared other
 * type, such as the {@code application/x-www-form-urlencoded} of {@code curl -d}, is the client
 * saying it sent something else, and is refused.
 */
public final class BodyTypes {

    private static final String JSON = "application/json";
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    private static final Pattern ROW_STREAM = Pattern.compile("/workspaces/[^/]+/tables/[^/]+/writer/[^/]+/rows/?");

    private BodyTypes() {
    }

    /**
     * A before-handler of every request.
     *
     * @throws ApiError 415 {@code unsupported_media_type} when the body's declared type is not the endpoint's
     */
    public static void check(Context ctx) {
        if (!WITH_BODY.contains(ctx.method().name()) || !hasBody(ctx)) {
            return;
        }
        String declared = ctx.header("Content-Type");
        if (declared == null || declared.isBlank()) {
            return;
        }
        String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String expected = ROW_STREAM.matcher(ctx.path()).matches() ? RowStreamFormat.MEDIA_TYPE : JSON;
        if (!type.equals(expected)) {
            throw new ApiError(415, "unsupported_media_type", "Request body of " + ctx.method() + " " + ctx.path()
                    + " is " + declared.strip() + "; send " + expected + (expected.equals(JSON)
                    ? " (e.g. curl -H 'Content-Type: application/json' -d '{...}')." : "."));
        }
    }

    private static boolean hasBody(Context ctx) {
        return ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    }
}
