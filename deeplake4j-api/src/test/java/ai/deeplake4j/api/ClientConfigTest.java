package ai.deeplake4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    @Test
    void withNothingConfiguredTheLakeIsInTheHomeDirectoryNotTheWorkingDirectory() {
        ClientConfig config = ClientConfig.fromEnvironment(Map.of());
        assertTrue(config.isEmbedded());
        assertEquals(Path.of(System.getProperty("user.home"), ".deeplake4j"), config.lake());
        assertTrue(config.lake().isAbsolute(), "independent of the working directory");
        assertTrue(config.usesDefaultLake());
    }

    @Test
    void deeplake4jHomeAndApiUrlWinOverTheDefault() {
        ClientConfig home = ClientConfig.fromEnvironment(Map.of("DEEPLAKE4J_HOME", "/srv/lake"));
        assertEquals(Path.of("/srv/lake"), home.lake());
        assertFalse(home.usesDefaultLake());
        ClientConfig remote = ClientConfig.fromEnvironment(Map.of("DEEPLAKE_API_URL", "http://127.0.0.1:1", "DEEPLAKE_WORKSPACE", "ws"));
        assertFalse(remote.isEmbedded());
        assertFalse(remote.usesDefaultLake(), "a remote client opens no lake");
        assertEquals("ws", remote.workspace());
    }
}
