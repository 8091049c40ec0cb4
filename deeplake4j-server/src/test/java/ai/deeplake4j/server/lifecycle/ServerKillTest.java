package ai.deeplake4j.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.client.RemoteClient;
import ai.deeplake4j.client.http.HttpTransport;
import ai.deeplake4j.client.http.RetryPolicy;
import ai.deeplake4j.engine.EmbeddedClient;
import ai.deeplake4j.server.TestServer;
import ai.deeplake4j.server.auth.TokenMinter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 acceptance: a server killed (SIGKILL) in the middle of a remote ingest leaves the table
 * with exactly the rows of the commits it finished: whole commit units, no partial one.
 */
class ServerKillTest {

    private static final int COMMIT_EVERY = 2000;
    private static final int ROWS = 200_000;

    @TempDir
    Path dir;

    @Test
    void killedServerLeavesExactlyTheCommittedRows() throws Exception {
        Path lake = dir.resolve("lake");
        Path portFile = dir.resolve("port");
        Process server = ServerProcesses.start(lake, portFile, lake.resolveSibling("server.log"));
        AtomicReference<Throwable> ingestFailure = new AtomicReference<>();
        Thread ingest;
        long seen;
        try {
            String url = "http://127.0.0.1:" + ServerProcesses.waitForPort(portFile, server, lake.resolveSibling("server.log"));
            String token = new TokenMinter(TestServer.SECRET).mint("acme", Duration.ofHours(1));
            RemoteClient client = new RemoteClient(new HttpTransport(url, token, null, RetryPolicy.none(), Duration.ofSeconds(5)),
                    "default", Duration.ofSeconds(30));
            ingest = new Thread(() -> {
                try {
                    client.ingest("killed", data(), IngestOptions.builder().commitEvery(COMMIT_EVERY).flushEvery(500).build());
                } catch (Throwable t) {
                    ingestFailure.set(t);
                }
            }, "remote-ingest");
            ingest.start();
            seen = waitForCommittedRows(client, 3 * COMMIT_EVERY);
        } finally {
            server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
            server.waitFor(30, TimeUnit.SECONDS);
        }
        ingest.join(60_000);
        assertNotNull(ingestFailure.get(), "the ingest must fail when its server dies");

        try (EmbeddedClient embedded = EmbeddedClient.open(lake, "acme", "default")) {
            Map<String, Object> stats = embedded.query("SELECT count(*) AS n, count(DISTINCT id) AS d FROM killed").get(0);
            long n = ((Number) stats.get("n")).longValue();
            assertTrue(n >= seen && n < ROWS, "rows " + n + ", seen committed " + seen);
            assertEquals(n, ((Number) stats.get("d")).longValue(), "no row twice");
            assertEquals(0, n % COMMIT_EVERY, "whole commits only: " + n);
            List<Map<String, Object>> partial = embedded.query(
                    "SELECT id // " + COMMIT_EVERY + " AS unit, count(*) AS c FROM killed GROUP BY unit HAVING count(*) <> " + COMMIT_EVERY);
            assertEquals(List.of(), partial, "every commit unit is complete");
        }
    }

    private static Map<String, List<?>> data() {
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("id", LongStream.range(0, ROWS).boxed().toList());
        String pad = "x".repeat(200);
        List<String> text = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            text.add("row " + i + " " + pad);
        }
        data.put("text", text);
        return data;
    }

    private static long waitForCommittedRows(RemoteClient client, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                long n = ((Number) client.query("SELECT count(*) AS n FROM killed").get(0).get("n")).longValue();
                if (n >= atLeast) {
                    return n;
                }
            } catch (RuntimeException notYet) {
                // the table may not exist yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no commit seen within 60 s");
    }
}
