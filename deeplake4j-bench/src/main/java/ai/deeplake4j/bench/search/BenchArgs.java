package ai.deeplake4j.bench.search;

import ai.deeplake4j.bench.TempDirs;
import java.io.IOException;
import java.nio.file.Path;

/** {@code name=value} command-line arguments of the search and peers benchmarks. */
public final class BenchArgs {
    private BenchArgs() {
    }

    /** The value of {@code name=...}, or null when absent. */
    public static String string(String[] args, String name) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The whole number of {@code name=...} ({@code _} separators allowed), or {@code dflt}. */
    public static int integer(String[] args, String name, int dflt) {
        String v = string(args, name);
        return v == null ? dflt : Integer.parseInt(v.replace("_", ""));
    }

    /** The directory of {@code dir=...}, kept; else a new temporary one named {@code prefix...}, deleted at exit. */
    public static Path dir(String[] args, String prefix) throws IOException {
        String v = string(args, "dir");
        return v == null ? TempDirs.create(prefix) : Path.of(v);
    }
}
