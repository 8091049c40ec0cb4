package ai.deeplake4j.ingest.normalize;

import java.nio.file.Path;
import java.util.Locale;

/** File-name helpers shared by normalizers. */
public final class FileKinds {
    private FileKinds() {
    }

    /** The lower-case extension without the dot, or "" when there is none. */
    public static String extension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
