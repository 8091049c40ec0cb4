package ai.deeplake4j.formats.coco;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.formats.common.ItemFormat;
import ai.deeplake4j.formats.common.JsonFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COCO instances (and optionally captions) as one row per image (ARCHITECTURE 2.6):
 * <ul>
 * <li>{@code image_id} INT64, {@code image} IMAGE (the file's bytes, unchanged),</li>
 * <li>{@code mask} SEGMENT_MASK: a grayscale PNG with the category id of each pixel (0 = none),
 *     annotations painted in file order, later ones on top; polygons and RLE (list or string counts);
 *     8-bit when every category id is at most 255, else 16-bit,</li>
 * <li>{@code width}, {@code height} INT64 (pixels, as the JSON declares), {@code filename} TEXT,</li>
 * <li>{@code captions} JSONB: the image's captions (strings) in file order, {@code []} without a
 *     captions file,</li>
 * <li>{@code annotations} JSONB: {@code [{bbox: [x, y, w, h], category_id, area, iscrowd}]},</li>
 * <li>{@code categories} JSONB: the file's {@code categories} array (the same on every row),</li>
 * <li>{@code num_objects} INT64: the number of annotations of the image.</li>
 * </ul>
 * Rows follow the {@code images} array. Errors ({@link IngestException}, or skipped with
 * {@code skipFailedFiles}): a missing image file, an annotation or caption whose {@code image_id}
 * is not in {@code images} (named by annotation id), a malformed segmentation. Images are read and
 * masks built on {@code normalizationWorkers} threads. {@code image} gets thumbnails.
 */
public final class Coco extends ItemFormat<CocoImage> {
    private static final Map<String, ColumnType> SCHEMA;

    static {
        Map<String, ColumnType> s = new LinkedHashMap<>();
        s.put("image_id", ColumnType.of(TypeKind.INT64));
        s.put("image", ColumnType.of(TypeKind.IMAGE));
        s.put("mask", ColumnType.of(TypeKind.SEGMENT_MASK));
        s.put("width", ColumnType.of(TypeKind.INT64));
        s.put("height", ColumnType.of(TypeKind.INT64));
        s.put("filename", ColumnType.of(TypeKind.TEXT));
        s.put("captions", ColumnType.of(TypeKind.JSONB));
        s.put("annotations", ColumnType.of(TypeKind.JSONB));
        s.put("categories", ColumnType.of(TypeKind.JSONB));
        s.put("num_objects", ColumnType.of(TypeKind.INT64));
        SCHEMA = java.util.Collections.unmodifiableMap(s);
    }

    private final Path imagesDir;
    private final Path instancesJson;
    private final Path captionsJson;
    private final Map<Long, List<JsonNode>> annotations = new LinkedHashMap<>();
    private final Map<Long, List<String>> captions = new LinkedHashMap<>();
    private String categories;

    /**
     * @param imagesDir     directory holding the images' {@code file_name}s
     * @param instancesJson the instances file ({@code images}, {@code annotations}, {@code categories})
     * @param captionsJson  the captions file, or null for none
     */
    public Coco(Path imagesDir, Path instancesJson, Path captionsJson) {
        this.imagesDir = imagesDir;
        this.instancesJson = instancesJson;
        this.captionsJson = captionsJson;
    }

    @Override
    public Map<String, ColumnType> schema() {
        return SCHEMA;
    }

    @Override
    public List<String> imageColumns() {
        return List.of("image");
    }

    @Override
    protected List<CocoImage> items() {
        JsonNode root = JsonFiles.read(instancesJson);
        Map<Long, CocoImage> images = CocoImages.read(root, instancesJson);
        JsonNode cats = root.get("categories");
        categories = cats == null ? "[]" : JsonFiles.write(cats);
        group(root.get("annotations"), instancesJson, images, "annotation", a -> annotations, a -> a);
        if (captionsJson != null) {
            JsonNode capRoot = JsonFiles.read(captionsJson);
            group(capRoot.get("annotations"), captionsJson, images, "caption", a -> captions,
                    a -> JsonFiles.require(a, "caption", "caption " + a.path("id").asText("?"), captionsJson).asText());
        }
        return new ArrayList<>(images.values());
    }

    private <V> void group(JsonNode array, Path file, Map<Long, CocoImage> images, String kind,
                           java.util.function.Function<JsonNode, Map<Long, List<V>>> target,
                           java.util.function.Function<JsonNode, V> value) {
        if (array == null) {
            return;
        }
        int i = 0;
        for (JsonNode a : array) {
            String item = kind + " " + (a.has("id") ? a.get("id").asText() : "#" + i);
            i++;
            long imageId = JsonFiles.require(a, "image_id", item, file).asLong();
            if (!images.containsKey(imageId)) {
                skipOrFail(file + ": " + item, file + ": " + item + " refers to image_id " + imageId
                        + ", which is not in 'images'");
                continue;
            }
            target.apply(a).computeIfAbsent(imageId, k -> new ArrayList<>()).add(value.apply(a));
        }
    }

    @Override
    protected String name(CocoImage image) {
        return imagesDir.resolve(image.fileName()).toString();
    }

    @Override
    protected Map<String, Object> row(CocoImage image) throws IOException {
        Path file = imagesDir.resolve(image.fileName());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IngestException("Image file not found: " + file + " (image_id " + image.id() + ")");
        }
        List<JsonNode> anns = annotations.getOrDefault(image.id(), List.of());
        CategoryMask mask = new CategoryMask(image.width(), image.height());
        List<Map<String, Object>> summary = new ArrayList<>(anns.size());
        for (JsonNode a : anns) {
            int category = a.path("category_id").asInt();
            try {
                mask.paint(a.get("segmentation"), category);
            } catch (RuntimeException e) {
                throw new IngestException(instancesJson + ": annotation " + a.path("id").asText("?") + " of image_id "
                        + image.id() + " has a bad segmentation: " + e.getMessage());
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("bbox", a.get("bbox"));
            s.put("category_id", category);
            s.put("area", a.get("area"));
            s.put("iscrowd", a.path("iscrowd").asInt(0));
            summary.add(s);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("image_id", image.id());
        row.put("image", bytes);
        row.put("mask", mask.png());
        row.put("width", (long) image.width());
        row.put("height", (long) image.height());
        row.put("filename", image.fileName());
        row.put("captions", JsonFiles.write(captions.getOrDefault(image.id(), List.of())));
        row.put("annotations", JsonFiles.write(summary));
        row.put("categories", categories);
        row.put("num_objects", (long) anns.size());
        return row;
    }
}
