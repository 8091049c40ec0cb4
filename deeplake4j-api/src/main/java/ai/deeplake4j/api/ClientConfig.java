package ai.deeplake4j.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a {@link Client} connects (ARCHITECTURE D8). With no {@code apiUrl} the client is
 * embedded on the lake directory; with one it talks to that server.
 *
 * @param apiUrl    server URL ({@code DEEPLAKE_API_URL}), or null for embedded
 * @param token     bearer token ({@code DEEPLAKE_API_KEY}), or null
 * @param workspace workspace id ({@code DEEPLAKE_WORKSPACE}, default {@code default})
 * @param lake      embedded lake directory ({@code DEEPLAKE4J_HOME}, default {@link #DEFAULT_LAKE}:
 *                  {@code ~/.deeplake4j}, so a program's lake does not depend on its working directory)
 */
public record ClientConfig(String apiUrl, String token, String workspace, Path lake) {

    public static final String DEFAULT_WORKSPACE = "default";
    /** The embedded lake when nothing names one: {@code ~/.deeplake4j}. */
    public static final Path DEFAULT_LAKE = Path.of(System.getProperty("user.home"), ".deeplake4j");

    public ClientConfig {
        workspace = workspace == null || workspace.isBlank() ? DEFAULT_WORKSPACE : workspace;
        lake = lake == null ? DEFAULT_LAKE : lake;
    }

    /** Embedded on {@code lake}, default workspace. */
    public static ClientConfig embedded(Path lake) {
        return new ClientConfig(null, null, DEFAULT_WORKSPACE, lake);
    }

    /** From the process environment, as the Deeplake SDK reads it. */
    public static ClientConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** From the given variables ({@code DEEPLAKE_API_URL}, {@code DEEPLAKE_API_KEY}, {@code DEEPLAKE_WORKSPACE}, {@code DEEPLAKE4J_HOME}). */
    public static ClientConfig fromEnvironment(Map<String, String> env) {
        String home = env.get("DEEPLAKE4J_HOME");
        String url = env.get("DEEPLAKE_API_URL");
        return new ClientConfig(url == null || url.isBlank() ? null : url, env.get("DEEPLAKE_API_KEY"),
                env.get("DEEPLAKE_WORKSPACE"), home == null || home.isBlank() ? null : Path.of(home));
    }

    /** True when the lake is {@link #DEFAULT_LAKE} because nothing configured one. */
    public boolean usesDefaultLake() {
        return isEmbedded() && lake.equals(DEFAULT_LAKE);
    }

    public boolean isEmbedded() {
        return apiUrl == null;
    }
}
