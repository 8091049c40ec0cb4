package ai.deeplake4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Scratch directories of a benchmark run, deleted when the JVM exits, however the run ends. A
 * 1,000,000-row run leaves several GB behind otherwise, and repeated runs fill the disk.
 */
public final class TempDirs {
    private TempDirs() {
    }

    /** A new directory under the system's temporary directory, deleted with its contents at exit. */
    public static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "delete " + dir));
        return dir;
    }

    /** Deletes {@code dir} and everything under it; a missing directory is fine. */
    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
