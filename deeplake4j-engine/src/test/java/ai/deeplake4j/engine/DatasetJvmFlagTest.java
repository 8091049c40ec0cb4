package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset batches in a JVM started without the flag Arrow's memory needs (issue 13). */
class DatasetJvmFlagTest {

    @Test
    void batchesWithoutAddOpensNameTheMissingFlag(@TempDir Path lake) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                BatchesWithoutAddOpens.class.getName(), lake.toString()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM hung");
        String line = out.lines().filter(l -> l.contains("Exception") || l.equals("NO ERROR")).reduce((a, b) -> b).orElse(out);
        assertTrue(line.startsWith("ai.deeplake4j.api.error.ManagedServiceException: Dataset batches need the JVM flag "
                + "--add-opens=java.base/java.nio=ALL-UNNAMED"), line);
    }
}
