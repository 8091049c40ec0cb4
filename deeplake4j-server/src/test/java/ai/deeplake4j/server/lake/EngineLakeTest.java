package ai.deeplake4j.server.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.engine.EmbeddedClient;
import ai.deeplake4j.server.ServerConfig;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the server opens its workspace engines. */
class EngineLakeTest {
    @TempDir
    Path dir;

    private static String setting(WorkspaceLake ws, String name) throws SQLException {
        try (var c = ((EmbeddedClient) ws.client()).engine().newConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void workspaceEnginesRunDuckdbOnTheConfiguredThreads() throws SQLException {
        try (EngineLake lake = EngineLake.open(dir.resolve("one"), 1)) {
            assertEquals("1", setting(lake.workspace("acme", "default"), "threads"));
            assertEquals("1", setting(lake.workspace("acme", "other"), "threads"), "every workspace's own database");
        }
        try (EngineLake lake = EngineLake.open(dir.resolve("default"), 0)) {
            assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), setting(lake.workspace("acme", "default"), "threads"),
                    "0 keeps DuckDB's default: the cores");
        }
    }

    private static Object scalar(WorkspaceLake ws, String sql) throws SQLException {
        try (var c = ((EmbeddedClient) ws.client()).engine().newConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    @Test
    void workspaceDatabaseReachesNoFileOutsideItsWorkspace() throws SQLException {
        try (EngineLake lake = EngineLake.open(dir, 1)) {
            WorkspaceLake acme = lake.workspace("acme", "default");
            WorkspaceLake rival = lake.workspace("rival", "default");
            rival.client().ingest("secret", Map.of("id", List.of(7L)));
            acme.client().ingest("t", Map.of("id", List.of(1L, 2L, 3L)));
            // the engine's own work on its tables is unaffected: reads, inserts, copy-on-write rewrites
            acme.client().query("INSERT INTO t (id) VALUES (4)");
            acme.client().query("UPDATE t SET id = 20 WHERE id = 2");
            acme.client().query("DELETE FROM t WHERE id = 1");
            assertEquals(List.of(3L, 4L, 20L), acme.client().query("SELECT id FROM t ORDER BY id").stream().map(r -> r.get("id")).toList());
            String own = String.join("', '", ((EmbeddedClient) acme.client()).engine().table("t").dataFiles());
            assertEquals(3L, ((Number) scalar(acme, "SELECT count(*) FROM read_parquet(['" + own + "'])")).longValue());

            String theirs = ((EmbeddedClient) rival.client()).engine().table("secret").dataFiles().getFirst();
            assertThrows(SQLException.class, () -> scalar(acme, "SELECT count(*) FROM read_parquet('" + theirs + "')"),
                    "another organization's data file");
            assertThrows(SQLException.class, () -> scalar(acme, "SELECT count(*) FROM read_csv('/etc/passwd')"));
            assertThrows(SQLException.class, () -> scalar(acme, "SELECT count(*) FROM glob('" + dir + "/*')"));
            SQLException set = assertThrows(SQLException.class, () -> scalar(acme, "SET enable_external_access = true"));
            assertTrue(set.getMessage().contains("locked"), set.getMessage());
            assertEquals(7L, rival.client().query("SELECT id FROM secret").getFirst().get("id"), "the rival's own reads still work");
        }
    }

    @Test
    void serverDefaultsToOneDuckdbThreadAndRefusesZero() {
        assertEquals(1, ServerConfig.builder(dir).hmacSecret(new byte[32]).build().duckdbThreads());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(dir).hmacSecret(new byte[32]).duckdbThreads(0).build());
    }
}
