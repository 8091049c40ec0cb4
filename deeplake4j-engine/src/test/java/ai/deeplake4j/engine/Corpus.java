package ai.deeplake4j.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpus of real files (../shared/corpus), located by the build. */
final class Corpus {
    private Corpus() {
    }

    static Path dir(String sub) {
        String root = System.getProperty("deeplake4j.corpus", "../../shared/corpus");
        Path p = Path.of(root, sub);
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("corpus folder missing: " + p.toAbsolutePath());
        }
        return p;
    }
}
