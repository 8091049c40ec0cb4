package ai.deeplake4j.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.server.TestServer;
import ai.deeplake4j.server.auth.TokenMinter;
import ai.deeplake4j.server.wire.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11.2: a server process (a second JVM) that receives SIGTERM while an endless query runs
 * exits within its drain timeout (plus the moment it takes to cancel), instead of running on.
 */
class SigtermDrainTest {

    private static final long DRAIN_MS = 1000;

    @TempDir
    Path dir;

    @Test
    void sigtermWithAnEndlessQueryRunningExitsWithinTheDrainTimeout() throws Exception {
        Path lake = dir.resolve("lake");
        Path portFile = dir.resolve("port");
        Process server = ServerProcesses.start(lake, portFile, dir.resolve("server.log"), "--drain-timeout", Long.toString(DRAIN_MS));
        try {
            String url = "http://127.0.0.1:" + ServerProcesses.waitForPort(portFile, server, dir.resolve("server.log"));
            String token = new TokenMinter(TestServer.SECRET).mint("acme", Duration.ofHours(1));
            RawHttp http = new RawHttp(url);
            http.send("POST", "/workspaces/default/tables/query", token, "{\"query\":\"SELECT 1\"}"); // opens the workspace
            CompletableFuture<RawHttp.Reply> endless = CompletableFuture.supplyAsync(() -> http.send("POST",
                    "/workspaces/default/tables/query", token, "{\"query\":\"" + QueryTimeoutServerTest.ENDLESS + "\",\"timeout_ms\":600000}"));
            Thread.sleep(500); // the query is running in DuckDB by now
            assertFalse(endless.isDone(), "the endless query runs");

            long start = System.nanoTime();
            server.destroy(); // SIGTERM: the shutdown hook drains, then cancels
            boolean exited = server.waitFor(DRAIN_MS + 5000, TimeUnit.MILLISECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(exited, "the server still runs " + ms + " ms after SIGTERM; log: " + Files.readString(dir.resolve("server.log")));
            assertTrue(ms < DRAIN_MS + 3000, "exited " + ms + " ms after SIGTERM with a " + DRAIN_MS + " ms drain timeout");
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
