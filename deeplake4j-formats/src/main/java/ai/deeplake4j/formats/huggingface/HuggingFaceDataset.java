package ai.deeplake4j.formats.huggingface;

import ai.deeplake4j.api.error.IngestException;
import java.util.List;
import java.util.Map;

/**
 * Which Hugging Face dataset to ingest. Read from the ingest data map, so {@code IngestOptions}
 * needs no Hugging Face fields: {@code "_huggingface"} (required: a hub name such as
 * {@code "ylecun/mnist"}, or a local directory), {@code "_config"} (default {@value #DEFAULT_CONFIG}),
 * {@code "_split"} (default {@value #DEFAULT_SPLIT}) and {@code "_revision"} (default
 * {@value #DEFAULT_REVISION}; a branch, tag or commit of the hub cache). Each value is a string or a
 * list holding one string, e.g. {@code Map.of("_huggingface", List.of("mnist"), "_split", List.of("test"))}.
 *
 * @param name     hub name or local directory
 * @param config   the dataset configuration (subset)
 * @param split    the split, e.g. train or test
 * @param revision the revision looked up in the hub cache
 */
public record HuggingFaceDataset(String name, String config, String split, String revision) {
    public static final String KEY = "_huggingface";
    public static final String DEFAULT_CONFIG = "default";
    public static final String DEFAULT_SPLIT = "train";
    public static final String DEFAULT_REVISION = "main";

    public HuggingFaceDataset {
        if (name == null || name.isBlank()) {
            throw new IngestException("\"_huggingface\" needs a dataset name, e.g. {\"_huggingface\": [\"ylecun/mnist\"]}.");
        }
    }

    /**
     * @throws IngestException when a key holds something other than one string, or data holds
     *         other columns (they would be ignored)
     */
    public static HuggingFaceDataset fromData(Map<String, ? extends List<?>> data) {
        for (String k : data.keySet()) {
            if (!List.of(KEY, "_config", "_split", "_revision").contains(k)) {
                throw new IngestException("Hugging Face ingest takes only _huggingface, _config, _split and _revision; got column '"
                        + k + "'.");
            }
        }
        return new HuggingFaceDataset(value(data, KEY, null), value(data, "_config", DEFAULT_CONFIG),
                value(data, "_split", DEFAULT_SPLIT), value(data, "_revision", DEFAULT_REVISION));
    }

    private static String value(Map<String, ? extends List<?>> data, String key, String fallback) {
        List<?> v = data.get(key);
        if (v == null) {
            return fallback;
        }
        if (v.size() != 1 || !(v.getFirst() instanceof String s)) {
            throw new IngestException("'" + key + "' must hold one string, got " + v + ".");
        }
        return s;
    }

    /** The hub cache's directory name: {@code datasets--owner--name}. */
    static String cacheName(String name) {
        return "datasets--" + name.replace("/", "--");
    }
}
