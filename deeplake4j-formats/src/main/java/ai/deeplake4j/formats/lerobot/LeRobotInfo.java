package ai.deeplake4j.formats.lerobot;

import ai.deeplake4j.formats.common.JsonFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the formats need from a LeRobot v2 {@code meta/info.json}: chunk size (default 1000), the
 * data and video path templates (LeRobot v2 defaults when absent) and the features.
 */
record LeRobotInfo(Path root, int chunksSize, String dataPath, String videoPath, JsonNode features) {
    static final String DEFAULT_DATA_PATH = "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet";
    static final String DEFAULT_VIDEO_PATH = "videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4";

    /** @throws ai.deeplake4j.api.error.IngestException naming meta/info.json when missing or bad */
    static LeRobotInfo read(Path root) {
        JsonNode info = JsonFiles.read(root.resolve("meta").resolve("info.json"));
        return new LeRobotInfo(root, info.path("chunks_size").asInt(1000),
                info.path("data_path").asText(DEFAULT_DATA_PATH),
                info.path("video_path").asText(DEFAULT_VIDEO_PATH),
                info.path("features"));
    }

    /** The camera keys: features of dtype {@code video}, in file order. */
    List<String> cameras() {
        List<String> out = new ArrayList<>();
        features.fields().forEachRemaining(e -> {
            if ("video".equals(e.getValue().path("dtype").asText())) {
                out.add(e.getKey());
            }
        });
        return out;
    }

    /** The declared length of a vector feature ({@code shape: [n]}), or -1. */
    int vectorLength(String feature) {
        JsonNode shape = features.path(feature).path("shape");
        return shape.isArray() && shape.size() == 1 ? shape.get(0).asInt() : -1;
    }

    Path dataFile(long episode) {
        return root.resolve(PathTemplate.format(dataPath, Map.of("episode_chunk", episode / chunksSize, "episode_index", episode)));
    }

    Path videoFile(long episode, String camera) {
        return root.resolve(PathTemplate.format(videoPath,
                Map.of("episode_chunk", episode / chunksSize, "episode_index", episode, "video_key", camera)));
    }

    /** A feature name as a column name: dots become underscores ({@code observation.state} → {@code observation_state}). */
    static String column(String feature) {
        return feature.replace('.', '_');
    }
}
