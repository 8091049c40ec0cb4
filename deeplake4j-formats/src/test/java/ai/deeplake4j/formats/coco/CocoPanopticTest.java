package ai.deeplake4j.formats.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.formats.FormatTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoPanopticTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Segment ids that need one, two and three colour channels: 1, 44 + 256 = 300, 112 + 17*256 + 65536 = 70000. */
    private static final int LEFT = 1;
    private static final int TOP_RIGHT = 300;
    private static final int BOTTOM_RIGHT = 70000;

    @TempDir
    Path dir;
    Path images;
    Path masks;
    Path json;

    @BeforeEach
    void fixture() throws Exception {
        images = dir.resolve("val2017");
        masks = dir.resolve("panoptic_val2017");
        FormatTestSupport.write(images.resolve("a.jpg"), FormatTestSupport.image(16, 12, Color.ORANGE, "jpg"));
        FormatTestSupport.write(images.resolve("b.jpg"), FormatTestSupport.image(8, 8, Color.CYAN, "jpg"));
        FormatTestSupport.write(masks.resolve("a.png"), panopticMask(16, 12));
        FormatTestSupport.write(masks.resolve("b.png"), panopticMask(8, 8));
        json = FormatTestSupport.write(dir.resolve("panoptic_val2017.json"), """
                {"images": [{"id": 5, "file_name": "a.jpg", "width": 16, "height": 12},
                            {"id": 6, "file_name": "b.jpg", "width": 8, "height": 8}],
                 "annotations": [
                   {"image_id": 5, "file_name": "a.png", "segments_info": [
                      {"id": 1, "category_id": 1, "area": 96, "bbox": [0, 0, 8, 12], "iscrowd": 0},
                      {"id": 300, "category_id": 2, "area": 48, "bbox": [8, 0, 8, 6], "iscrowd": 0},
                      {"id": 70000, "category_id": 184, "area": 48, "bbox": [8, 6, 8, 6], "iscrowd": 1}]},
                   {"image_id": 6, "file_name": "b.png", "segments_info": [
                      {"id": 1, "category_id": 1, "area": 32, "bbox": [0, 0, 4, 8], "iscrowd": 0},
                      {"id": 300, "category_id": 2, "area": 16, "bbox": [4, 0, 4, 4], "iscrowd": 0},
                      {"id": 70000, "category_id": 184, "area": 16, "bbox": [4, 4, 4, 4], "iscrowd": 1}]}],
                 "categories": [{"id": 1, "name": "person", "isthing": 1}, {"id": 2, "name": "bicycle", "isthing": 1},
                                {"id": 184, "name": "tree-merged", "isthing": 0}]}
                """);
    }

    /** Left half LEFT, right half split into TOP_RIGHT and BOTTOM_RIGHT, id = R + 256 G + 256² B. */
    private static byte[] panopticMask(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int id = x < w / 2 ? LEFT : y < h / 2 ? TOP_RIGHT : BOTTOM_RIGHT;
                img.setRGB(x, y, new Color(id & 0xff, (id >> 8) & 0xff, (id >> 16) & 0xff).getRGB());
            }
        }
        return FormatTestSupport.encode(img, "png");
    }

    private static int segmentId(BufferedImage mask, int x, int y) {
        int rgb = mask.getRGB(x, y);
        return ((rgb >> 16) & 0xff) + 256 * ((rgb >> 8) & 0xff) + 65536 * (rgb & 0xff);
    }

    @Test
    void everyColumnMatchesTheFixtureAndMaskPixelsDecodeToSegmentIds() throws Exception {
        List<Map<String, Object>> rows = FormatTestSupport.rows(new CocoPanoptic(images, masks, json));
        assertEquals(2, rows.size());
        Map<String, Object> a = rows.getFirst();
        assertEquals(List.of("image_id", "image", "mask", "width", "height", "filename", "mask_filename", "segments_info",
                "categories"), List.copyOf(a.keySet()));
        assertEquals(5L, a.get("image_id"));
        assertArrayEquals(Files.readAllBytes(images.resolve("a.jpg")), (byte[]) a.get("image"));
        assertArrayEquals(Files.readAllBytes(masks.resolve("a.png")), (byte[]) a.get("mask"));
        assertEquals(16L, a.get("width"));
        assertEquals(12L, a.get("height"));
        assertEquals("a.jpg", a.get("filename"));
        assertEquals("a.png", a.get("mask_filename"));
        assertEquals(3, JSON.readTree((String) a.get("categories")).size());
        assertEquals("tree-merged", JSON.readTree((String) a.get("categories")).get(2).get("name").asText());
        for (Map<String, Object> row : rows) {
            JsonNode segments = JSON.readTree((String) row.get("segments_info"));
            Set<Integer> declared = new TreeSet<>();
            segments.forEach(s -> declared.add(s.get("id").asInt()));
            BufferedImage mask = FormatTestSupport.decode((byte[]) row.get("mask"));
            Set<Integer> found = new TreeSet<>();
            for (int y = 0; y < mask.getHeight(); y++) {
                for (int x = 0; x < mask.getWidth(); x++) {
                    found.add(segmentId(mask, x, y));
                }
            }
            assertEquals(declared, found, "segment ids of " + row.get("mask_filename"));
            assertEquals(Set.of(LEFT, TOP_RIGHT, BOTTOM_RIGHT), found);
            // Each segment's pixel count equals its declared area.
            for (JsonNode s : segments) {
                int id = s.get("id").asInt();
                int count = 0;
                for (int y = 0; y < mask.getHeight(); y++) {
                    for (int x = 0; x < mask.getWidth(); x++) {
                        count += segmentId(mask, x, y) == id ? 1 : 0;
                    }
                }
                assertEquals(s.get("area").asInt(), count, "area of segment " + id);
            }
        }
        assertEquals(6L, rows.get(1).get("image_id"));
        assertEquals("b.png", rows.get(1).get("mask_filename"));
    }

    @Test
    void missingMaskFileIsAnErrorNamingItOrSkipped() throws Exception {
        Files.delete(masks.resolve("b.png"));
        IngestException e = assertThrows(IngestException.class, () -> FormatTestSupport.rows(new CocoPanoptic(images, masks, json)));
        assertTrue(e.getMessage().contains("b.png") && e.getMessage().contains("not found"), e.getMessage());
        CocoPanoptic p = new CocoPanoptic(images, masks, json);
        assertEquals(1, FormatTestSupport.rows(p, FormatTestSupport.skipping()).size());
        assertEquals(1, p.skipped().size());
    }

    @Test
    void annotationOfUnknownImageIsAnErrorNamingIt() throws Exception {
        Files.writeString(json, Files.readString(json).replace("\"image_id\": 6", "\"image_id\": 60"));
        IngestException e = assertThrows(IngestException.class, () -> FormatTestSupport.rows(new CocoPanoptic(images, masks, json)));
        assertTrue(e.getMessage().contains("b.png") && e.getMessage().contains("image_id 60"), e.getMessage());
    }
}
