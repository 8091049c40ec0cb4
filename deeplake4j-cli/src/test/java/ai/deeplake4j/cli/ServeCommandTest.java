package ai.deeplake4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve}'s options reach the server configuration; bad values are named. */
class ServeCommandTest {
    @TempDir
    Path lake;

    private ServerConfig parse(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command.config(lake);
    }

    @Test
    void defaultsMatchTheServerDefaults() {
        ServerConfig config = parse();
        ServerConfig reference = ServerConfig.builder(lake).hmacSecret(new byte[32]).build();
        assertEquals(reference.engineSettings(), config.engineSettings());
        assertEquals(ServerConfig.DEFAULT_PORT, config.port());
    }

    @Test
    void engineOptionsReachTheConfiguration() {
        ServerConfig config = parse("--duckdb-threads", "2", "--max-open-workspaces", "3", "--workspace-idle-timeout", "90s", "--port", "0");
        assertEquals(2, config.engineSettings().duckdbThreads());
        assertEquals(3, config.engineSettings().maxOpenWorkspaces());
        assertEquals(Duration.ofSeconds(90), config.engineSettings().idleTimeout());
        assertEquals(Duration.ofMinutes(10), parse("--workspace-idle-timeout", "PT10M").engineSettings().idleTimeout());
        assertEquals(0, config.engineSettings().duckdbMemoryLimit(), "DuckDB's default unless asked");
        assertEquals(512L << 20, parse("--duckdb-memory-limit", "512MiB").engineSettings().duckdbMemoryLimit());
        assertEquals(2L << 30, parse("--duckdb-memory-limit", "2gib").engineSettings().duckdbMemoryLimit());
        assertEquals(1_500_000_000L, parse("--duckdb-memory-limit", "1.5GB").engineSettings().duckdbMemoryLimit());
        assertEquals(67_108_864L, parse("--duckdb-memory-limit", "67108864").engineSettings().duckdbMemoryLimit());
    }

    @Test
    void drainAndConnectionOptionsReachTheConfiguration() {
        ServerConfig defaults = parse();
        assertEquals(Duration.ofSeconds(30), defaults.shutdownTimeout());
        assertEquals(Duration.ofSeconds(30), defaults.connectionIdleTimeout());
        assertEquals(10_000, defaults.maxConnections());
        ServerConfig config = parse("--drain-timeout", "5s", "--connection-idle-timeout", "2m", "--max-connections", "500");
        assertEquals(Duration.ofSeconds(5), config.shutdownTimeout());
        assertEquals(Duration.ofMinutes(2), config.connectionIdleTimeout());
        assertEquals(500, config.maxConnections());
        assertThrows(IllegalArgumentException.class, () -> parse("--max-connections", "0"));
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--workspace-idle-timeout", "soon"));
        assertTrue(e.getMessage().contains("--workspace-idle-timeout 'soon'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--max-open-workspaces", "0"));
        e = assertThrows(IllegalArgumentException.class, () -> parse("--duckdb-memory-limit", "lots"));
        assertTrue(e.getMessage().contains("--duckdb-memory-limit 'lots'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--duckdb-memory-limit", "1KiB"), "below 1 MiB");
    }
}
