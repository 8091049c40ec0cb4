package ai.deeplake4j.server.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.deeplake4j.engine.EmbeddedClient;
import ai.deeplake4j.server.ServerConfig;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    @Test
    void serverDefaultsToOneDuckdbThreadAndRefusesZero() {
        assertEquals(1, ServerConfig.builder(dir).hmacSecret(new byte[32]).build().duckdbThreads());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder(dir).hmacSecret(new byte[32]).duckdbThreads(0).build());
    }
}
