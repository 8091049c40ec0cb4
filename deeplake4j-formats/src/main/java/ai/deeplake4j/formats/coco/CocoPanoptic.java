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
 * COCO panoptic segmentation as one row per annotation (one per image), ARCHITECTURE 2.6:
 * {@code image_id} INT64, {@code image} IMAGE (file bytes), {@code mask} SEGMENT_MASK (the panoptic
 * PNG as is: a pixel's segment id is R + 256 G + 256² B, 0 = void), {@code width}, {@code height}
 * INT64 (pixels, from {@code images}), {@code filename} TEXT (image file name), {@code mask_filename}
 * TEXT, {@code segments_info} JSONB (the annotation's array as is: id, category_id, area, bbox,
 * iscrowd) and {@code categories} JSONB (the file's array, same on every row).
 *
 * <p>Rows follow the {@code annotations} array. Errors ({@link IngestException}, or skipped with
 * {@code skipFailedFiles}): an annotation whose {@code image_id} is not in {@code images}, a missing
 * image or mask file. {@code image} gets thumbnails.
 */
public final class CocoPanoptic extends ItemFormat<CocoPanoptic.Entry> {
    private static final Map<String, ColumnType> SCHEMA;

    static {
        Map<String, ColumnType> s = new LinkedHashMap<>();
        s.put("image_id", ColumnType.of(TypeKind.INT64));
        s.put("image", ColumnType.of(TypeKind.IMAGE));
        s.put("mask", ColumnType.of(TypeKind.SEGMENT_MASK));
        s.put("width", ColumnType.of(TypeKind.INT64));
        s.put("height", ColumnType.of(TypeKind.INT64));
        s.put("filename", ColumnType.of(TypeKind.TEXT));
        s.put("mask_filename", ColumnType.of(TypeKind.TEXT));
        s.put("segments_info", ColumnType.of(TypeKind.JSONB));
        s.put("categories", ColumnType.of(TypeKind.JSONB));
        SCHEMA = java.util.Collections.unmodifiableMap(s);
    }

    /** One annotation with its image. */
    record Entry(CocoImage image, String maskFile, JsonNode segmentsInfo) {
    }

    private final Path imagesDir;
    private final Path masksDir;
    private final Path annotationsJson;
    private String categories;

    /**
     * @param imagesDir       directory of the images' {@code file_name}s
     * @param masksDir        directory of the annotations' PNG {@code file_name}s
     * @param annotationsJson the panoptic JSON ({@code images}, {@code annotations}, {@code categories})
     */
    public CocoPanoptic(Path imagesDir, Path masksDir, Path annotationsJson) {
        this.imagesDir = imagesDir;
        this.masksDir = masksDir;
        this.annotationsJson = annotationsJson;
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
    protected List<Entry> items() {
        JsonNode root = JsonFiles.read(annotationsJson);
        Map<Long, CocoImage> images = CocoImages.read(root, annotationsJson);
        JsonNode cats = root.get("categories");
        categories = cats == null ? "[]" : JsonFiles.write(cats);
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode a : JsonFiles.require(root, "annotations", "the file", annotationsJson)) {
            String item = "annotations[" + i++ + "]";
            long imageId = JsonFiles.require(a, "image_id", item, annotationsJson).asLong();
            String mask = JsonFiles.require(a, "file_name", item, annotationsJson).asText();
            CocoImage image = images.get(imageId);
            if (image == null) {
                skipOrFail(annotationsJson + ": " + item, annotationsJson + ": " + item + " (" + mask
                        + ") refers to image_id " + imageId + ", which is not in 'images'");
                continue;
            }
            JsonNode segments = a.get("segments_info");
            entries.add(new Entry(image, mask, segments == null ? JsonFiles.MAPPER.createArrayNode() : segments));
        }
        return entries;
    }

    @Override
    protected String name(Entry e) {
        return imagesDir.resolve(e.image().fileName()).toString();
    }

    @Override
    protected Map<String, Object> row(Entry e) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("image_id", e.image().id());
        row.put("image", read(imagesDir.resolve(e.image().fileName()), "Image", e));
        row.put("mask", read(masksDir.resolve(e.maskFile()), "Mask", e));
        row.put("width", (long) e.image().width());
        row.put("height", (long) e.image().height());
        row.put("filename", e.image().fileName());
        row.put("mask_filename", e.maskFile());
        row.put("segments_info", JsonFiles.write(e.segmentsInfo()));
        row.put("categories", categories);
        return row;
    }

    private static byte[] read(Path file, String what, Entry e) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException x) {
            throw new IngestException(what + " file not found: " + file + " (image_id " + e.image().id() + ")");
        }
    }
}
