package ai.deeplake4j.ingest.normalize;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the normalizer for a file by its extension; unknown extensions go to the fallback
 * ({@link BinaryNormalizer}). Immutable and shared.
 */
public final class Normalizers {
    private final Map<String, Normalizer> byExtension = new HashMap<>();
    private final Normalizer fallback;

    public Normalizers(List<Normalizer> normalizers, Normalizer fallback) {
        for (Normalizer n : normalizers) {
            for (String ext : n.extensions()) {
                if (byExtension.putIfAbsent(ext, n) != null) {
                    throw new IllegalArgumentException("two normalizers claim ." + ext);
                }
            }
        }
        this.fallback = fallback;
    }

    /** The built-in normalizers. */
    public static Normalizers defaults() {
        return new Normalizers(List.of(new TextNormalizer(), new ai.deeplake4j.ingest.image.ImageNormalizer(),
                new ai.deeplake4j.ingest.pdf.PdfNormalizer(), new ai.deeplake4j.ingest.video.VideoNormalizer()),
                new BinaryNormalizer());
    }

    public Normalizer forFile(Path path) {
        return byExtension.getOrDefault(FileKinds.extension(path), fallback);
    }
}
