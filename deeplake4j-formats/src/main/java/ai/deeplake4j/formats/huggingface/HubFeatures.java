package ai.deeplake4j.formats.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code features} of a Hugging Face Parquet file, from its key-value metadata
 * {@code "huggingface"} (written by the {@code datasets} library as
 * {@code {"info": {"features": {...}}}}; a top-level {@code features} is accepted too). Only the
 * features that change how a column is stored are interpreted: {@code Image} and {@code ClassLabel}.
 */
final class HubFeatures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode features;

    private HubFeatures(JsonNode features) {
        this.features = features;
    }

    /** @param metadata the metadata JSON text, or null; unreadable metadata means no features */
    static HubFeatures parse(String metadata) {
        if (metadata == null) {
            return new HubFeatures(JSON.createObjectNode());
        }
        try {
            JsonNode root = JSON.readTree(metadata);
            JsonNode f = root.path("info").path("features");
            if (f.isMissingNode()) {
                f = root.path("features");
            }
            return new HubFeatures(f.isObject() ? f : JSON.createObjectNode());
        } catch (java.io.IOException e) {
            return new HubFeatures(JSON.createObjectNode());
        }
    }

    boolean isImage(String column) {
        return "Image".equals(features.path(column).path("_type").asText());
    }

    /** The label names of a ClassLabel feature, in label order, or null when it is not one. */
    List<String> classNames(String column) {
        JsonNode f = features.path(column);
        if (!"ClassLabel".equals(f.path("_type").asText())) {
            return null;
        }
        List<String> names = new ArrayList<>();
        f.path("names").forEach(n -> names.add(n.asText()));
        return names;
    }
}
