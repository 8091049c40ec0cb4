package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL in the middle of an ingest leaves the table readable with exactly the rows of its last commit. */
class CrashRecoveryTest {
    @TempDir
    Path lake;

    @Test
    void killedIngestLeavesExactlyTheCommittedRows() throws Exception {
        long total = 3_000_000;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                IngestUntilKilled.class.getName(), lake.toString(), Long.toString(total)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long committed = 0;
        try (EmbeddedClient observer = waitForLake()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && child.isAlive()) {
                if (observer.listTables().contains("crash")) {
                    committed = observer.describeTable("crash").rowCount();
                    if (committed >= 5_000) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), "the child should still be ingesting when killed (it had committed " + committed + " rows)");
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
        }

        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            long snapshotRows = client.describeTable("crash").rowCount();
            Map<String, Object> stats = client.query("SELECT count(*) AS n, count(DISTINCT v) AS d, min(v) AS lo, max(v) AS hi, "
                    + "count(*) FILTER (WHERE text = 'row ' || v) AS intact FROM crash").getFirst();
            long n = ((Number) stats.get("n")).longValue();
            assertTrue(n >= committed && n < total, "between the last observed commit and the end: " + n);
            assertEquals(snapshotRows, n, "readable rows are exactly the last snapshot's");
            assertEquals(0, n % 1_000, "whole commits only");
            assertEquals(n, ((Number) stats.get("d")).longValue());
            assertEquals(0L, ((Number) stats.get("lo")).longValue());
            assertEquals(n - 1, ((Number) stats.get("hi")).longValue(), "a prefix of the input, no gaps");
            assertEquals(n, ((Number) stats.get("intact")).longValue());
            // and the table still takes writes
            client.query("INSERT INTO crash (v, text) VALUES (-1, 'after')");
            assertEquals(n + 1, ((Number) client.query("SELECT count(*) AS n FROM crash").getFirst().get("n")).longValue());
        }
    }

    private EmbeddedClient waitForLake() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (lake.resolve("catalog.db").toFile().exists()) {
                return EmbeddedClient.open(lake);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("child never created the lake");
    }
}
