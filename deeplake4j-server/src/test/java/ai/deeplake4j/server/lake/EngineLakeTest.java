package ai.deeplake4j.server.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import ai.deeplake4j.server.ServerConfig;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the server opens, confines and closes its workspace engines. */
class EngineLakeTest {
    @TempDir
    Path dir;

    private static EngineLake.Settings settings(int threads, int maxOpen, Duration idle) {
        return new EngineLake.Settings(threads, maxOpen, idle, 0);
    }

    /** First column of the first row of {@code sql} run directly on the workspace's DuckDB database. */
    private static Object scalar(EngineLake lake, String org, String ws, String sql) throws SQLException {
        try {
            return lake.withEngine(org, ws, c -> {
                try (var conn = c.engine().newConnection(); var s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    return rs.getObject(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException e) {
            throw (SQLException) e.getCause();
        }
    }

    private static long count(WorkspaceLake ws, String table) {
        return ((Number) ws.client().query("SELECT count(*) AS n FROM " + table).getFirst().get("n")).longValue();
    }

    @Test
    void workspaceEnginesRunDuckdbOnTheConfiguredThreads() throws SQLException {
        try (EngineLake lake = EngineLake.open(dir.resolve("one"), settings(1, 64, Duration.ofMinutes(10)))) {
            assertEquals("1", scalar(lake, "acme", "default", "SELECT CAST(current_setting('threads') AS VARCHAR)"));
            assertEquals("1", scalar(lake, "acme", "other", "SELECT CAST(current_setting('threads') AS VARCHAR)"), "every workspace's own database");
        }
        try (EngineLake lake = EngineLake.open(dir.resolve("default"))) {
            assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()),
                    scalar(lake, "acme", "default", "SELECT CAST(current_setting('threads') AS VARCHAR)"), "0 keeps DuckDB's default: the cores");
        }
    }

    @Test
    void droppingAWorkspaceDropsItsThumbnailsTableTooSoTheNameCanBeUsedAgain(@org.junit.jupiter.api.io.TempDir Path images)
            throws Exception {
        Path image = java.nio.file.Files.copy(Path.of(System.getProperty("deeplake4j.corpus"), "image", "rocket.jpg"),
                images.resolve("rocket.jpg"));
        Map<String, java.util.List<?>> files = Map.of("path", java.util.List.of(image.toString()));
        ai.deeplake4j.api.ingest.IngestOptions options = ai.deeplake4j.api.ingest.IngestOptions.builder().schema("path", "FILE").build();
        try (EngineLake lake = EngineLake.open(dir.resolve("dropws"))) {
            lake.workspace("acme", "pics").client().ingest("imgs", files, options);
            lake.dropWorkspace("acme", "pics");
            var namespace = ai.deeplake4j.engine.lake.Lake.namespace("acme", "pics");
            try (ai.deeplake4j.engine.lake.Lake catalog = ai.deeplake4j.engine.lake.Lake.open(dir.resolve("dropws"))) {
                assertEquals(java.util.List.of(), catalog.listTables(namespace), "no table of the dropped workspace stays in the catalog");
            }
            var again = lake.workspace("acme", "pics").client();
            again.ingest("imgs", files, options);
            assertEquals(4L, ((Number) again.query("SELECT count(*) AS n FROM thumbnails").getFirst().get("n")).longValue(),
                    "the new workspace's thumbnails only");
        }
    }

    @Test
    void workspaceEnginesCapDuckdbMemoryWhenAsked() throws SQLException {
        String limit = "SELECT CAST(current_setting('memory_limit') AS VARCHAR)";
        try (EngineLake lake = EngineLake.open(dir.resolve("capped"), new EngineLake.Settings(1, 64, Duration.ofMinutes(10), 256L << 20))) {
            assertEquals("256.0 MiB", scalar(lake, "acme", "default", limit));
            assertEquals("256.0 MiB", scalar(lake, "acme", "other", limit), "every workspace's own database");
            assertThrows(SQLException.class, () -> scalar(lake, "acme", "default", "SET memory_limit = '8GiB'"),
                    "locked once confined");
        }
        try (EngineLake lake = EngineLake.open(dir.resolve("uncapped"))) {
            assertFalse(scalar(lake, "acme", "default", limit).equals("256.0 MiB"), "0 keeps DuckDB's default");
        }
    }

    @Test
    void serverDefaultsToOneDuckdbThreadAndBoundedWorkspacesAndRefusesZero() {
        ServerConfig config = ServerConfig.builder(dir).hmacSecret(new byte[32]).build();
        assertEquals(new EngineLake.Settings(1, 64, Duration.ofMinutes(10), 0), config.engineSettings());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(dir).hmacSecret(new byte[32]).duckdbThreads(0).build());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(dir).hmacSecret(new byte[32]).maxOpenWorkspaces(0).build());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(dir).hmacSecret(new byte[32]).duckdbMemoryLimit(1000).build());
    }

    @Test
    void workspaceDatabaseReachesNoFileOutsideItsWorkspace() throws SQLException {
        try (EngineLake lake = EngineLake.open(dir, settings(1, 64, Duration.ofMinutes(10)))) {
            WorkspaceLake acme = lake.workspace("acme", "default");
            WorkspaceLake rival = lake.workspace("rival", "default");
            rival.client().ingest("secret", Map.of("id", List.of(7L)));
            acme.client().ingest("t", Map.of("id", List.of(1L, 2L, 3L)));
            // the engine's own work on its tables is unaffected: reads, inserts, copy-on-write rewrites
            acme.client().query("INSERT INTO t (id) VALUES (4)");
            acme.client().query("UPDATE t SET id = 20 WHERE id = 2");
            acme.client().query("DELETE FROM t WHERE id = 1");
            assertEquals(List.of(3L, 4L, 20L), acme.client().query("SELECT id FROM t ORDER BY id").stream().map(r -> r.get("id")).toList());
            List<String> files = lake.withEngine("acme", "default", c -> c.engine().table("t").dataFiles());
            String own = String.join("', '", files);
            assertEquals(3L, ((Number) scalar(lake, "acme", "default", "SELECT count(*) FROM read_parquet(['" + own + "'])")).longValue());

            String theirs = lake.withEngine("rival", "default", c -> c.engine().table("secret").dataFiles().getFirst());
            assertThrows(SQLException.class, () -> scalar(lake, "acme", "default", "SELECT count(*) FROM read_parquet('" + theirs + "')"),
                    "another organization's data file");
            assertThrows(SQLException.class, () -> scalar(lake, "acme", "default", "SELECT count(*) FROM read_csv('/etc/passwd')"));
            assertThrows(SQLException.class, () -> scalar(lake, "acme", "default", "SELECT count(*) FROM glob('" + dir + "/*')"));
            SQLException set = assertThrows(SQLException.class, () -> scalar(lake, "acme", "default", "SET enable_external_access = true"));
            assertTrue(set.getMessage().contains("locked"), set.getMessage());
            assertEquals(7L, rival.client().query("SELECT id FROM secret").getFirst().get("id"), "the rival's own reads still work");
        }
    }

    @Test
    void idleEnginesBeyondTheCapCloseLeastRecentlyUsedFirstAndReopenOnUse() throws Exception {
        try (EngineLake lake = EngineLake.open(dir, settings(1, 2, Duration.ofMinutes(10)))) {
            WorkspaceLake a = lake.workspace("acme", "a");
            WorkspaceLake b = lake.workspace("acme", "b");
            WorkspaceLake c = lake.workspace("acme", "c");
            a.client().ingest("t", Map.of("id", List.of(1L, 2L)));
            b.client().ingest("t", Map.of("id", List.of(3L)));
            assertEquals(2, lake.openWorkspaces());
            c.client().ingest("t", Map.of("id", List.of(4L, 5L, 6L)));
            waitForOpen(lake, 2); // a, the least recently used, was closed (in the background)
            assertEquals(3, count(c, "t"));
            assertEquals(1, count(b, "t"));
            assertEquals(2, count(a, "t"), "a reopens with its data");
            waitForOpen(lake, 2);
        }
    }

    @Test
    void idleTimeoutClosesUnusedEnginesButNeverOneInUse() throws Exception {
        AtomicLong now = new AtomicLong();
        try (EngineLake lake = EngineLake.open(dir, settings(1, 64, Duration.ofMinutes(1)), now::get)) {
            WorkspaceLake a = lake.workspace("acme", "a");
            WorkspaceLake b = lake.workspace("acme", "b");
            b.client().ingest("t", Map.of("id", List.of(1L)));
            try (TableWriter writer = a.store().openWriter("t", TableSchema.of(Map.of("id", ColumnType.of(TypeKind.INT64))))) {
                writer.append(new Object[] {10L});
                now.addAndGet(Duration.ofMinutes(2).toNanos());
                lake.evictIdle();
                assertEquals(1, lake.openWorkspaces(), "b timed out; a has an open writer");
                writer.append(new Object[] {11L});
                writer.commit();
                writer.sync();
            }
            a.written().accept("t");
            assertEquals(2, count(a, "t"));
            now.addAndGet(Duration.ofSeconds(30).toNanos());
            lake.evictIdle();
            assertEquals(1, lake.openWorkspaces(), "a was used 30 s ago");
            now.addAndGet(Duration.ofMinutes(1).toNanos());
            lake.evictIdle();
            assertEquals(0, lake.openWorkspaces());
            assertEquals(1, count(b, "t"), "b reopens with its data");
        }
    }

    private static void waitForOpen(EngineLake lake, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // generous: CI machines are loaded
        while (lake.openWorkspaces() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, lake.openWorkspaces());
    }
}
