package ai.deeplake4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.server.DeeplakeServer;
import ai.deeplake4j.server.ServerConfig;
import ai.deeplake4j.server.auth.ServerSecret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a server: {@code token create} on the server's lake, then {@code --url --token}. */
class CliRemoteTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void tokenCreateThenIngestQueryAndTablesThroughAServer() throws Exception {
        Path lake = dir.resolve("lake");
        ServerConfig config = ServerConfig.builder(lake).port(0).hmacSecret(ServerSecret.loadOrCreate(lake)).build();
        try (DeeplakeServer server = DeeplakeServer.start(config)) {
            Run token = run("token", "create", "--org", "acme", "--expires", "1h", "--lake", lake.toString());
            assertEquals(0, token.code(), token.err());
            String t = token.out().trim();
            Path notes = Files.writeString(dir.resolve("notes.txt"), "served ".repeat(300));

            Run ingest = run("ingest", "notes", notes.toString(), "--url", server.url(), "--token", t, "--workspace", "team");
            assertEquals(0, ingest.code(), ingest.err());
            assertTrue(ingest.out().contains("al://team/notes"), ingest.out());
            Run tables = run("tables", "--url", server.url(), "--token", t, "--workspace", "team");
            assertEquals("notes\n", tables.out());
            Run count = run("query", "SELECT count(*) AS n FROM notes", "--json", "--url", server.url(), "--token", t, "--workspace", "team");
            assertEquals(3, new com.fasterxml.jackson.databind.ObjectMapper().readTree(count.out()).get(0).get("n").asInt(), count.out());

            Run bad = run("tables", "--url", server.url(), "--token", "not-a-token");
            assertEquals(1, bad.code());
            assertTrue(bad.err().contains("Malformed token"), bad.err());
        }
    }

    @Test
    void expiresAcceptsDaysHoursMinutesSecondsAndIso() {
        assertEquals(java.time.Duration.ofDays(30), TokenCommand.Create.duration("30d"));
        assertEquals(java.time.Duration.ofMinutes(90), TokenCommand.Create.duration("90m"));
        assertEquals(java.time.Duration.ofHours(1), TokenCommand.Create.duration("PT1H"));
        assertEquals(2, run("token", "create").code());
    }
}
