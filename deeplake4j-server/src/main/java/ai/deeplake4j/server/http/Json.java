package ai.deeplake4j.server.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JSON in and out of handlers: request bodies read with a size limit (413 beyond it), params
 * turned into plain Java values, responses written with one shared mapper. Values Jackson cannot
 * write as-is (dates, times, UUIDs) become their ISO/text form.
 */
public final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Request attribute set once a handler wrote its JSON answer. */
    static final String RESPONDED = "deeplake4j.responded";

    private Json() {
    }

    /**
     * Reads the request body as a JSON object.
     *
     * @throws ApiError 413 over {@code maxBytes}, 400 when it is not a JSON object
     */
    public static JsonNode body(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes); // the error responder reads the refused body off the connection
        }
        byte[] bytes;
        try {
            bytes = ctx.bodyInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        JsonNode node;
        try {
            node = bytes.length == 0 ? null : MAPPER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.badRequest("invalid_json", "Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("invalid_json", "Request body must be a JSON object.");
        }
        return node;
    }

    static ApiError tooLarge(long maxBytes) {
        return new ApiError(413, "payload_too_large", "Request body is larger than " + maxBytes
                + " bytes. Send smaller batches or raise the server's max body size.");
    }

    /** True when {@link #respond} already wrote the answer of this request. */
    public static boolean responded(Context ctx) {
        return ctx.attribute(RESPONDED) != null;
    }

    /** A required text field. */
    public static String text(JsonNode body, String field, String message) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw ApiError.badRequest("missing_field", message);
        }
        return v.asText();
    }

    /** A JSON value as a plain Java value: null, Boolean, Long, Double (or BigDecimal beyond double), String, List, Map. */
    public static Object plain(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            v.forEach(e -> list.add(plain(e)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            map.put(f.getKey(), plain(f.getValue()));
        }
        return map;
    }

    /** A result value as Jackson can write it. */
    public static Object wire(Object v) {
        if (v instanceof TemporalAccessor || v instanceof Date || v instanceof UUID) {
            return v.toString();
        }
        if (v instanceof BigDecimal b) {
            return b;
        }
        return v;
    }

    /** Writes {@code value} as the JSON response with {@code status}. */
    public static void respond(Context ctx, int status, Object value) {
        ctx.attribute(RESPONDED, Boolean.TRUE);
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
