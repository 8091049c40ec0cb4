package ai.deeplake4j.formats.huggingface;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Hugging Face datasets are looked for and fetched from. {@link #fromEnvironment()} reads, in
 * order (a system property wins over the environment variable):
 * <ul>
 * <li>endpoint: {@code deeplake4j.hf.endpoint}, {@code HF_ENDPOINT}, default {@code https://huggingface.co};</li>
 * <li>hub cache: {@code deeplake4j.hf.cache}, {@code HF_HUB_CACHE}, {@code $HF_HOME/hub}, default
 *     {@code ~/.cache/huggingface/hub} (the layout of {@code huggingface_hub});</li>
 * <li>token: {@code HF_TOKEN}, sent as a bearer token when set.</li>
 * </ul>
 * Downloaded Parquet files go under {@code <hub cache>/deeplake4j-parquet/}, apart from the files
 * {@code huggingface_hub} manages.
 *
 * @param endpoint the hub's base URL, without a trailing slash
 * @param hubCache the hub cache directory
 * @param token    an access token, or null
 */
public record HubSettings(String endpoint, Path hubCache, String token) {
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    public HubSettings {
        while (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
    }

    /** From system properties and the environment, as documented on the type. */
    public static HubSettings fromEnvironment() {
        return from(System.getenv(), System.getProperties()::getProperty);
    }

    static HubSettings from(Map<String, String> env, java.util.function.UnaryOperator<String> props) {
        String endpoint = first(props.apply("deeplake4j.hf.endpoint"), env.get("HF_ENDPOINT"), DEFAULT_ENDPOINT);
        String cache = first(props.apply("deeplake4j.hf.cache"), env.get("HF_HUB_CACHE"), null);
        Path hubCache;
        if (cache != null) {
            hubCache = Path.of(cache);
        } else if (env.get("HF_HOME") != null && !env.get("HF_HOME").isBlank()) {
            hubCache = Path.of(env.get("HF_HOME"), "hub");
        } else {
            hubCache = Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
        }
        String token = env.get("HF_TOKEN");
        return new HubSettings(endpoint, hubCache, token == null || token.isBlank() ? null : token);
    }

    private static String first(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : fallback;
    }

    /** The directory downloaded Parquet files of a dataset split go to. */
    Path downloadDir(HuggingFaceDataset ds) {
        return hubCache.resolve("deeplake4j-parquet").resolve(HuggingFaceDataset.cacheName(ds.name()))
                .resolve(ds.config()).resolve(ds.split());
    }
}
