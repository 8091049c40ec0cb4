package ai.deeplake4j.formats.coco;

import ai.deeplake4j.formats.common.JsonFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the {@code images} array of a COCO JSON file, keyed by id in file order. */
final class CocoImages {
    private CocoImages() {
    }

    /** @throws ai.deeplake4j.api.error.IngestException naming the file and the image at fault */
    static Map<Long, CocoImage> read(JsonNode root, Path file) {
        Map<Long, CocoImage> images = new LinkedHashMap<>();
        JsonNode array = JsonFiles.require(root, "images", "the file", file);
        int i = 0;
        for (JsonNode n : array) {
            String item = "images[" + i++ + "]";
            long id = JsonFiles.require(n, "id", item, file).asLong();
            images.put(id, new CocoImage(id, JsonFiles.require(n, "file_name", item, file).asText(),
                    JsonFiles.require(n, "width", item, file).asInt(), JsonFiles.require(n, "height", item, file).asInt()));
        }
        return images;
    }
}
