package ai.deeplake4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.server.DeeplakeServer;
import ai.deeplake4j.server.ServerConfig;
import ai.deeplake4j.server.auth.ServerSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a server: {@code token create} on the server's lake, then {@code --url --token}. */
class CliRemoteTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void tokenCreateThenIngestQueryAndTablesThroughAServer() throws Exception {
        Path lake = dir.resolve("lake");
        ServerConfig config = ServerConfig.builder(lake).port(0).hmacSecret(ServerSecret.loadOrCreate(lake)).build();
        try (DeeplakeServer server = DeeplakeServer.start(config)) {
            CliRun token = run("token", "create", "--org", "acme", "--expires", "1h", "--lake", lake.toString());
            assertEquals(0, token.code(), token.err());
            String t = token.out().trim();
            Path notes = Files.writeString(dir.resolve("notes.txt"), "served ".repeat(300));

            CliRun ingest = run("ingest", "notes", notes.toString(), "--url", server.url(), "--token", t, "--workspace", "team");
            assertEquals(0, ingest.code(), ingest.err());
            assertTrue(ingest.out().contains("al://team/notes"), ingest.out());
            CliRun tables = run("tables", "--url", server.url(), "--token", t, "--workspace", "team");
            assertEquals("notes\n", tables.out());
            CliRun count = run("query", "SELECT count(*) AS n FROM notes", "--json", "--url", server.url(), "--token", t, "--workspace", "team");
            assertEquals(3, new com.fasterxml.jackson.databind.ObjectMapper().readTree(count.out()).get(0).get("n").asInt(), count.out());

            CliRun bad = run("tables", "--url", server.url(), "--token", "not-a-token");
            assertEquals(1, bad.code());
            assertTrue(bad.err().contains("Malformed token"), bad.err());
        }
    }

    @Test
    void expiresAcceptsDaysHoursMinutesSecondsAndIso() {
        assertEquals(java.time.Duration.ofDays(30), Durations.parse("30d", "--expires"));
        assertEquals(java.time.Duration.ofMinutes(90), Durations.parse("90m", "--expires"));
        assertEquals(java.time.Duration.ofHours(1), Durations.parse("PT1H", "--expires"));
        assertEquals(2, run("token", "create").code());
    }
}
