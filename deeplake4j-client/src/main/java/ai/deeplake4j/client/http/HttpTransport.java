package ai.deeplake4j.client.http;

import ai.deeplake4j.api.error.ManagedServiceException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * JSON over HTTP to a deeplake4j or Deeplake server with the JDK {@link HttpClient}: bearer
 * token and {@code X-Activeloop-Org-Id} on every request, retries by a {@link RetryPolicy}, and
 * error responses turned into exceptions by {@link ErrorMapper}. Thread-safe; one instance per
 * client.
 */
public final class HttpTransport implements AutoCloseable {

    /** Jackson mapper for the wire: integers come back as Long, like the embedded client's INT64. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final URI base;
    private final String token;
    private final String org;
    private final RetryPolicy retry;
    private final HttpClient http;

    /**
     * @param baseUrl server URL, e.g. {@code http://127.0.0.1:8420}
     * @param token   bearer token, or null
     * @param org     organization to select ({@code X-Activeloop-Org-Id}), or null for the token's
     */
    public HttpTransport(String baseUrl, String token, String org, RetryPolicy retry, Duration connectTimeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.token = token;
        this.org = org;
        this.retry = retry;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /**
     * Sends a JSON request, retrying per the policy, and parses the JSON answer.
     *
     * @param body    a value Jackson can write, or null for no body
     * @param timeout how long one attempt may take
     * @throws ManagedServiceException mapped from the server's error, or on a network failure
     */
    public JsonNode send(String method, String path, Object body, Duration timeout) {
        byte[] payload = body == null ? null : bytes(body);
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = request(path, timeout)
                    .header("Content-Type", "application/json")
                    .method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(payload))
                    .build();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt < retry.maxAttempts() && !(e instanceof java.net.http.HttpTimeoutException)) {
                    sleep(retry.delay(attempt, null));
                    continue;
                }
                throw new ManagedServiceException("Cannot reach the server at " + base + " (" + method + " " + path + "): " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ManagedServiceException("Interrupted while calling " + method + " " + path, e);
            }
            int status = response.statusCode();
            if (status < 300) {
                return parse(response.body());
            }
            if (retry.retries(status) && attempt < retry.maxAttempts()) {
                sleep(retry.delay(attempt, response.headers().firstValue("Retry-After").orElse(null)));
                continue;
            }
            throw ErrorMapper.map(status, response.body(), method, path);
        }
    }

    /**
     * Starts a streaming POST whose body is published by {@code body} as the caller produces it; not
     * retried (a stream cannot be replayed).
     */
    public CompletableFuture<HttpResponse<byte[]>> stream(String path, String contentType,
                                                          java.util.concurrent.Flow.Publisher<java.nio.ByteBuffer> body) {
        HttpRequest request = request(path, null)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.fromPublisher(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Checks a finished streaming response like {@link #send} does, and parses its JSON. */
    public JsonNode checked(HttpResponse<byte[]> response, String path) {
        if (response.statusCode() >= 300) {
            throw ErrorMapper.map(response.statusCode(), response.body(), "POST", path);
        }
        return parse(response.body());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json");
        if (timeout != null) {
            b.timeout(timeout);
        }
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        if (org != null && !org.isBlank()) {
            b.header("X-Activeloop-Org-Id", org);
        }
        return b;
    }

    private static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new ManagedServiceException("Cannot encode the request as JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new ManagedServiceException("The server answered with invalid JSON: " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManagedServiceException("Interrupted while waiting to retry");
        }
    }

    /** A path segment, percent-encoded (a name never changes the path's shape). */
    public static String segment(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The server URL. */
    public URI base() {
        return base;
    }

    @Override
    public void close() {
        http.close();
    }
}
