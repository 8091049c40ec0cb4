package ai.deeplake4j.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends raw JSON text to a server and returns status and raw body, as a non-Java SDK would. */
public final class RawHttp {

    /** A response: status, raw body, parsed body (null when not JSON). */
    public record Reply(int status, String body, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    public RawHttp(String base) {
        this.base = base;
    }

    public Reply send(String method, String path, String token, String body) {
        return send(method, path, token, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body), null);
    }

    public Reply send(String method, String path, String token, HttpRequest.BodyPublisher body, String orgHeader) {
        return send(method, path, token, body, orgHeader, "application/json");
    }

    /** As {@link #send(String, String, String, HttpRequest.BodyPublisher, String)} with a given Content-Type, or none when null. */
    public Reply send(String method, String path, String token, HttpRequest.BodyPublisher body, String orgHeader, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (orgHeader != null) {
            b.header("X-Activeloop-Org-Id", orgHeader);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(r.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Reply(r.statusCode(), r.body(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
    /**
     * Reads one HTTP/1.1 response off a socket, as head and body text joined by a blank line.
     * Handles a Content-Length body and a chunked one.
     */
    public static String readResponse(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new java.io.EOFException("connection closed after: " + head);
            }
            head.append((char) c);
        }
        String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        if (lower.contains("transfer-encoding: chunked")) {
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.write(in.readNBytes(size));
                in.readNBytes(2);
            }
            in.readNBytes(2);
        } else {
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(lower);
            if (length.find()) {
                body.write(in.readNBytes(Integer.parseInt(length.group(1))));
            }
        }
        return head + body.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int chunkSize(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("connection closed in a chunk header");
            }
            line.append((char) c);
        }
        return Integer.parseInt(line.toString().trim().split(";")[0], 16);
    }
}
