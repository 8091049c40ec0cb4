package ai.deeplake4j.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.server.ServerConfig;
import ai.deeplake4j.server.TestServer;
import ai.deeplake4j.server.wire.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, point 9, for remote ingest: a client that opened a writer (which created the table)
 * and vanished before committing anything leaves no empty table once its writer expires; a table
 * that got a commit stays.
 */
class AbandonedWriterTest {

    @TempDir
    Path dir;

    @Test
    void anExpiredWriterThatCreatedItsTableAndCommittedNothingRemovesIt() throws Exception {
        try (TestServer server = new TestServer(ServerConfig.builder(dir.resolve("lake")).port(0)
                .hmacSecret(TestServer.SECRET).idleTimeout(Duration.ofSeconds(2)).build())) {
            RawHttp http = new RawHttp(server.url());
            String token = server.token("gone");
            String schema = "{\"table_schema\":{\"id\":\"INT64\"}}";
            assertEquals(200, http.send("POST", "/workspaces/default/tables/t_abandoned/writer", token, schema).status());
            assertEquals(201, http.send("POST", "/workspaces/default/tables", token,
                    "{\"table_name\":\"t_planned\",\"table_schema\":{\"id\":\"INT64\"}}").status());
            assertEquals(200, http.send("POST", "/workspaces/default/tables/t_planned/writer", token, schema).status());
            assertTrue(tables(http, token).contains("\"t_abandoned\""));

            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (tables(http, token).contains("\"t_abandoned\"") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String left = tables(http, token);
            assertFalse(left.contains("\"t_abandoned\""), "the abandoned writer's empty table is gone: " + left);
            assertFalse(Files.exists(dir.resolve("lake/warehouse/gone/default/t_abandoned")));
            assertTrue(left.contains("\"t_planned\""), "a table the writer did not create stays: " + left);
        }
    }

    private static String tables(RawHttp http, String token) {
        return http.send("GET", "/workspaces/default/tables", token, null).body();
    }
}
