package ai.deeplake4j.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.client.http.HttpTransport;
import ai.deeplake4j.client.http.RetryPolicy;
import ai.deeplake4j.client.ingest.RemoteTableStore;
import ai.deeplake4j.engine.EmbeddedClient;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import ai.deeplake4j.server.TestServer;
import ai.deeplake4j.server.wire.RawHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown refuses new work, reports not ready, and lets a commit in progress finish. */
class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void shutdownWaitsForTheCommitInProgress() throws Exception {
        Path lake = dir.resolve("lake");
        TestServer server = new TestServer(lake);
        RawHttp http = new RawHttp(server.url());
        HttpTransport transport = new HttpTransport(server.url(), server.token("acme"), null, RetryPolicy.none(), Duration.ofSeconds(5));
        TableWriter writer = new RemoteTableStore(transport, "default", Duration.ofSeconds(30))
                .openWriter("graceful", TableSchema.of(Map.of("id", ColumnType.parse("INT64"))));
        for (long i = 0; i < 1000; i++) {
            writer.append(new Object[] {i});
        }
        writer.flush();
        long started = System.nanoTime();
        while (server.server().requestsInFlight() == 0 && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10)) {
            Thread.sleep(10);
        }
        assertEquals(1, server.server().requestsInFlight(), "the row stream is in progress on the server");

        Thread closing = new Thread(server::close, "closing");
        closing.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int ready = 200;
        while (ready == 200 && System.nanoTime() < deadline) {
            ready = http.send("GET", "/ready", null, null).status();
            Thread.sleep(20);
        }
        assertEquals(503, ready, "not ready while draining");
        assertEquals(503, new RawHttp(server.url()).send("GET", "/workspaces/default/tables", server.token("acme"), null).status());
        assertTrue(closing.isAlive(), "shutdown waits for the stream");

        writer.commit();
        assertEquals(1000, writer.sync());
        writer.close();
        closing.join(30_000);
        transport.close();

        try (EmbeddedClient embedded = EmbeddedClient.open(lake, "acme", "default")) {
            assertEquals(1000L, ((Number) embedded.query("SELECT count(*) AS n FROM graceful").get(0).get("n")).longValue());
        }
    }
}
