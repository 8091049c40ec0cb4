package ai.deeplake4j.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.deeplake4j.api.error.AuthException;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.error.TokenException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries and error mapping against a scripted HTTP server on 127.0.0.1. */
class HttpTransportRetryTest {

    private record Reply(int status, String body, String retryAfter) {
    }

    private HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final Deque<String> authHeaders = new ArrayDeque<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            authHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            Reply r = script.isEmpty() ? new Reply(200, "{}", null) : script.poll();
            if (r.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", r.retryAfter());
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(r.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpTransport transport(int attempts) {
        return new HttpTransport("http://127.0.0.1:" + server.getAddress().getPort(), "tok", null,
                new RetryPolicy(attempts, Duration.ofMillis(5), Duration.ofMillis(50)), Duration.ofSeconds(2));
    }

    @Test
    void retriesTransientStatusesThenSucceeds() {
        script.add(new Reply(503, "{\"message\":\"busy\",\"code\":\"x\"}", "0"));
        script.add(new Reply(429, "{}", null));
        script.add(new Reply(502, "", null));
        script.add(new Reply(200, "{\"ok\":1}", null));
        try (HttpTransport t = transport(4)) {
            assertEquals(1L, t.send("GET", "/x", null, Duration.ofSeconds(2)).path("ok").asLong());
        }
        assertEquals(4, calls.get());
        assertEquals("Bearer tok", authHeaders.peek());
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheServersMessage() {
        for (int i = 0; i < 3; i++) {
            script.add(new Reply(500, "{\"message\":\"disk on fire\",\"code\":\"internal\"}", null));
        }
        try (HttpTransport t = transport(3)) {
            ManagedServiceException e = assertThrows(ManagedServiceException.class, () -> t.send("GET", "/x", null, Duration.ofSeconds(2)));
            assertEquals("disk on fire", e.getMessage());
        }
        assertEquals(3, calls.get());
    }

    @Test
    void doesNotRetryClientErrorsAndMapsThemByCode() {
        script.add(new Reply(401, "{\"message\":\"Token expired\",\"code\":\"invalid_token\"}", null));
        script.add(new Reply(401, "{\"message\":\"Missing bearer token\",\"code\":\"missing_token\"}", null));
        script.add(new Reply(404, "{\"message\":\"Table not found: t\",\"code\":\"table_not_found\"}", null));
        script.add(new Reply(400, "{\"message\":\"COPY is not allowed\",\"code\":\"sql_refused\"}", null));
        try (HttpTransport t = transport(4)) {
            assertInstanceOf(TokenException.class, assertThrows(ManagedServiceException.class, () -> t.send("GET", "/x", null, null)));
            ManagedServiceException auth = assertThrows(ManagedServiceException.class, () -> t.send("GET", "/x", null, null));
            assertInstanceOf(AuthException.class, auth);
            assertEquals("Missing bearer token", auth.getMessage());
            assertInstanceOf(TableException.class, assertThrows(ManagedServiceException.class, () -> t.send("GET", "/x", null, null)));
            assertInstanceOf(QueryException.class, assertThrows(ManagedServiceException.class, () -> t.send("GET", "/x", null, null)));
        }
        assertEquals(4, calls.get());
    }

    @Test
    void retryAfterIsHonouredAndCapped() {
        RetryPolicy p = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(2), p.delay(1, "2"));
        assertEquals(Duration.ofSeconds(5), p.delay(1, "120"));
        long backoff = p.delay(3, null).toMillis();
        assertEquals(true, backoff >= 200 && backoff <= 400, "third backoff " + backoff);
    }
}
