package ai.deeplake4j.server.http;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the server's lake directory out of messages bound for a client, so that no answer reveals
 * where the server keeps its files: {@code <lake>/warehouse/<org>/<workspace>/<table>/data/f.parquet}
 * becomes {@code <table>/data/f.parquet} (the table is named, relative to its workspace), and any
 * other path inside the lake starts with {@code <lake>/}. The engine already names tables rather
 * than files in its own messages; this catches what any library below it put in one (an I/O error
 * of Iceberg, Lucene or the JDK). Thread-safe.
 */
public final class LakePaths {

    private final Pattern workspaceFiles;
    private final Pattern lakeFiles;

    /** @param lake the lake directory the server serves */
    public LakePaths(Path lake) {
        Set<String> roots = new LinkedHashSet<>();
        Path absolute = lake.toAbsolutePath().normalize();
        roots.add(absolute.toString());
        try {
            roots.add(absolute.toRealPath().toString()); // /tmp may be a link, and messages name the target
        } catch (IOException e) {
            // not created yet: only the given spelling can appear
        }
        String anyRoot = "(?:file:(?://)?)?(?:" + String.join("|", roots.stream().map(Pattern::quote).toList()) + ")";
        this.workspaceFiles = Pattern.compile(anyRoot + "/warehouse/[^/\\s\"']+/[^/\\s\"']+/");
        this.lakeFiles = Pattern.compile(anyRoot + "(?![\\w.-])");
    }

    /** {@code message} without the lake's directory; null stays null. */
    public String redact(String message) {
        if (message == null) {
            return null;
        }
        String out = workspaceFiles.matcher(message).replaceAll("");
        return lakeFiles.matcher(out).replaceAll(Matcher.quoteReplacement("<lake>"));
    }
}
