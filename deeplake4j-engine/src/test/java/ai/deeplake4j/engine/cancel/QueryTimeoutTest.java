package ai.deeplake4j.engine.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.QueryCancelledException;
import ai.deeplake4j.api.error.QueryTimeoutException;
import ai.deeplake4j.engine.EmbeddedClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11.2: a query's timeout cancels its DuckDB statements (interrupting the Java thread did
 * not), the call answers within a second of the deadline, the CPU goes idle, and the engine stays
 * usable.
 */
class QueryTimeoutTest {

    /** Never ends on its own: each step adds a row, and count(*) waits for the last. */
    static final String ENDLESS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r";

    @TempDir
    Path lake;
    EmbeddedClient client;

    @BeforeEach
    void open() {
        client = EmbeddedClient.open(lake);
        client.ingest("docs", Map.of("id", LongStream.range(0, 100).boxed().toList(),
                "text", LongStream.range(0, 100).mapToObj(i -> "lake row " + i).toList()));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void endlessQueryTimesOutWithinASecondOfItsDeadlineAndLeavesTheCpuIdle() throws Exception {
        long start = System.nanoTime();
        QueryTimeoutException e = bounded(() -> assertThrows(QueryTimeoutException.class, () -> client.query(ENDLESS, Duration.ofMillis(300))));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMs >= 300 && elapsedMs < 1300, "answered after " + elapsedMs + " ms");
        assertTrue(e.getMessage().startsWith("Query timed out after 300 ms"), e.getMessage());

        assertCpuIdleForTwoSeconds();
        assertEquals(List.of(Map.of("n", 100L)), client.query("SELECT count(*) AS n FROM docs"), "the engine is still usable");
    }

    @Test
    void insertFromAnEndlessQueryTimesOutAndCommitsNothing() {
        long start = System.nanoTime();
        bounded(() -> assertThrows(QueryTimeoutException.class, () -> client.query(
                "INSERT INTO docs (id, text) WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n, 'x' FROM r",
                Duration.ofMillis(300))));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1300));
        assertEquals(List.of(Map.of("n", 100L)), client.query("SELECT count(*) AS n FROM docs"));
    }

    @Test
    void searchWithAnEndlessFilterTimesOut() {
        long start = System.nanoTime();
        bounded(() -> assertThrows(QueryTimeoutException.class, () -> client.query(
                "SELECT id, text <#> 'lake' AS score FROM docs WHERE id < (" + ENDLESS + ") ORDER BY score DESC LIMIT 5",
                Duration.ofMillis(300))));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1300));
        assertEquals(5, client.query("SELECT id, text <#> 'lake' AS score FROM docs ORDER BY score DESC LIMIT 5").size());
    }

    @Test
    void queryThatFinishesInTimeIsNotAffectedByItsTimeout() {
        for (int i = 0; i < 50; i++) {
            assertEquals(List.of(Map.of("n", 100L)), client.query("SELECT count(*) AS n FROM docs", Duration.ofSeconds(10)));
        }
    }

    @Test
    void cancelRunningStopsAQueryWithoutTimeout() throws Exception {
        CompletableFuture<Object> endless = CompletableFuture.supplyAsync(() -> client.query(ENDLESS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int cancelled = 0;
        while (cancelled == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            cancelled = client.engine().cancelRunning("the test says so");
        }
        assertEquals(1, cancelled);
        Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> endless.get(2, TimeUnit.SECONDS)).getCause();
        assertTrue(failure instanceof QueryCancelledException && failure.getMessage().contains("the test says so"), String.valueOf(failure));
    }

    @Test
    void timeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> client.query("SELECT 1", Duration.ZERO));
    }

    /** Fails after 5 s rather than waiting forever when a cancel does not stop the statement. */
    static <T> T bounded(org.junit.jupiter.api.function.ThrowingSupplier<T> call) {
        return org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), call);
    }

    /** The process used well under one core over 2 s (a statement still running would use 2 s). */
    static void assertCpuIdleForTwoSeconds() throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        Thread.sleep(2000);
        long usedMs = TimeUnit.NANOSECONDS.toMillis(os.getProcessCpuTime() - before);
        assertTrue(usedMs < 600, "the process used " + usedMs + " ms of CPU in 2 s after the timeout");
    }
}
