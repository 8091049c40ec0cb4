package ai.deeplake4j.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.QueryTimeoutException;
import ai.deeplake4j.client.RemoteClient;
import ai.deeplake4j.server.ServerConfig;
import ai.deeplake4j.server.TestServer;
import ai.deeplake4j.server.wire.RawHttp;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11.2: the server's timeout cancels the query in DuckDB: 408 within a second of the
 * deadline, its permit free again, the CPU idle; shutdown cancels what still runs after the drain
 * timeout.
 */
class QueryTimeoutServerTest {

    static final String ENDLESS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r";
    static final String QUERY = "/workspaces/default/tables/query";

    @TempDir
    Path dir;

    @Test
    void endlessQueriesAnswer408WithinASecondAndFreeTheirPermitsAndTheCpu() throws Exception {
        try (TestServer server = new TestServer(ServerConfig.builder(dir.resolve("lake")).port(0).hmacSecret(TestServer.SECRET)
                .queryThreads(2).build())) {
            String token = server.token("acme");
            String body = "{\"query\":\"" + ENDLESS + "\",\"timeout_ms\":300}";
            long start = System.nanoTime();
            // two at once: with only the Java thread interrupted, they pinned both cores and both permits for good
            List<CompletableFuture<RawHttp.Reply>> replies = List.of(
                    CompletableFuture.supplyAsync(() -> new RawHttp(server.url()).send("POST", QUERY, token, body)),
                    CompletableFuture.supplyAsync(() -> new RawHttp(server.url()).send("POST", QUERY, token, body)));
            for (CompletableFuture<RawHttp.Reply> f : replies) {
                RawHttp.Reply reply = f.get(5, TimeUnit.SECONDS);
                assertEquals(408, reply.status(), reply.body());
                assertEquals("query_timeout", reply.json().path("code").asText());
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsedMs < 1300, "both answered after " + elapsedMs + " ms");

            assertCpuIdleForTwoSeconds();
            long next = System.nanoTime();
            RawHttp.Reply ok = new RawHttp(server.url()).send("POST", QUERY, token, "{\"query\":\"SELECT 42 AS x\",\"timeout_ms\":1000}");
            assertEquals("{\"columns\":[\"x\"],\"rows\":[[42]],\"row_count\":1}", ok.body());
            assertTrue(System.nanoTime() - next < TimeUnit.SECONDS.toNanos(1), "the permits are free again");
        }
    }

    @Test
    void remoteClientTimeoutRaisesQueryTimeoutException() {
        try (TestServer server = new TestServer(dir.resolve("lake")); RemoteClient client = server.client("acme", "default")) {
            QueryTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(QueryTimeoutException.class, () -> client.query(ENDLESS, Duration.ofMillis(300))));
            assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
            assertEquals(1, client.query("SELECT 1 AS one", Duration.ofSeconds(5)).size());
        }
    }

    @Test
    void shutdownCancelsTheQueriesStillRunningAfterTheDrainTimeout() throws Exception {
        TestServer server = new TestServer(ServerConfig.builder(dir.resolve("lake")).port(0).hmacSecret(TestServer.SECRET)
                .shutdownTimeout(Duration.ofSeconds(1)).build());
        String token = server.token("acme");
        CompletableFuture<RawHttp.Reply> endless = CompletableFuture.supplyAsync(() -> new RawHttp(server.url())
                .send("POST", QUERY, token, "{\"query\":\"" + ENDLESS + "\",\"timeout_ms\":600000}"));
        long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.server().requestsInFlight() == 0 && System.nanoTime() < wait) {
            Thread.sleep(10);
        }
        assertEquals(1, server.server().requestsInFlight(), "the endless query is running");
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(10), server::close);
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(closeMs < 1000 + 2000, "closed after " + closeMs + " ms with a 1 s drain timeout");
        RawHttp.Reply reply = endless.get(5, TimeUnit.SECONDS);
        assertEquals(503, reply.status(), reply.body());
    }

    /** The process used well under one core over 2 s (a statement still running would use 2 s). */
    static void assertCpuIdleForTwoSeconds() throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        Thread.sleep(2000);
        long usedMs = TimeUnit.NANOSECONDS.toMillis(os.getProcessCpuTime() - before);
        assertTrue(usedMs < 600, "the process used " + usedMs + " ms of CPU in 2 s after the 408s");
    }
}
