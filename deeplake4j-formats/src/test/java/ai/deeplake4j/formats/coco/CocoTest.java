package ai.deeplake4j.formats.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.formats.FormatTestSupport;
import ai.deeplake4j.ingest.normalize.Normalizers;
import ai.deeplake4j.ingest.pipeline.IngestPipeline;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path images;
    Path instances;
    Path captions;

    @BeforeEach
    void fixture() throws Exception {
        images = dir.resolve("images");
        FormatTestSupport.write(images.resolve("1.jpg"), FormatTestSupport.image(40, 30, Color.RED, "jpg"));
        FormatTestSupport.write(images.resolve("2.png"), FormatTestSupport.image(20, 20, Color.GREEN, "png"));
        FormatTestSupport.write(images.resolve("3.jpg"), FormatTestSupport.image(10, 10, Color.BLUE, "jpg"));
        instances = FormatTestSupport.write(dir.resolve("instances.json"), instancesJson(""));
        captions = FormatTestSupport.write(dir.resolve("captions.json"), """
                {"images": [], "annotations": [
                  {"id": 1, "image_id": 1, "caption": "a cat"},
                  {"id": 2, "image_id": 2, "caption": "a dog"},
                  {"id": 3, "image_id": 1, "caption": "a cat and a dog"}]}
                """);
    }

    /** Image 1: a polygon square (cat) and an uncompressed-RLE crowd column (dog); image 2: a string-RLE column. */
    private static String instancesJson(String extraAnnotation) {
        return """
                {"images": [
                   {"id": 1, "file_name": "1.jpg", "width": 40, "height": 30},
                   {"id": 2, "file_name": "2.png", "width": 20, "height": 20},
                   {"id": 3, "file_name": "3.jpg", "width": 10, "height": 10}],
                 "categories": [{"id": 1, "name": "cat", "supercategory": "animal"},
                                {"id": 18, "name": "dog", "supercategory": "animal"}],
                 "annotations": [
                   {"id": 10, "image_id": 1, "category_id": 1, "iscrowd": 0, "area": 100.0, "bbox": [5, 5, 10, 10],
                    "segmentation": [[5, 5, 15, 5, 15, 15, 5, 15]]},
                   {"id": 11, "image_id": 1, "category_id": 18, "iscrowd": 1, "area": 10.0, "bbox": [30, 0, 1, 10],
                    "segmentation": {"size": [30, 40], "counts": [900, 10, 290]}},
                   %s
                   {"id": 12, "image_id": 2, "category_id": 18, "iscrowd": 1, "area": 20.0, "bbox": [1, 0, 1, 20],
                    "segmentation": {"size": [20, 20], "counts": "d0d0X;"}}]}
                """.formatted(extraAnnotation);
    }

    @Test
    void everyColumnMatchesTheFixture() throws Exception {
        List<Map<String, Object>> rows = FormatTestSupport.rows(new Coco(images, instances, captions));
        assertEquals(3, rows.size());
        Map<String, Object> first = rows.get(0);
        assertEquals(List.of("image_id", "image", "mask", "width", "height", "filename", "captions", "annotations",
                "categories", "num_objects"), List.copyOf(first.keySet()));
        assertEquals(1L, first.get("image_id"));
        assertArrayEquals(Files.readAllBytes(images.resolve("1.jpg")), (byte[]) first.get("image"));
        assertEquals(40L, first.get("width"));
        assertEquals(30L, first.get("height"));
        assertEquals("1.jpg", first.get("filename"));
        assertEquals(List.of("a cat", "a cat and a dog"), JSON.readValue((String) first.get("captions"), List.class));
        JsonNode anns = JSON.readTree((String) first.get("annotations"));
        assertEquals(2, anns.size());
        assertEquals(JSON.readTree("{\"bbox\":[5,5,10,10],\"category_id\":1,\"area\":100.0,\"iscrowd\":0}"), anns.get(0));
        assertEquals(JSON.readTree("{\"bbox\":[30,0,1,10],\"category_id\":18,\"area\":10.0,\"iscrowd\":1}"), anns.get(1));
        assertEquals(JSON.readTree("[{\"id\":1,\"name\":\"cat\",\"supercategory\":\"animal\"},"
                + "{\"id\":18,\"name\":\"dog\",\"supercategory\":\"animal\"}]"), JSON.readTree((String) first.get("categories")));
        assertEquals(2L, first.get("num_objects"));

        Raster mask = FormatTestSupport.decode((byte[]) first.get("mask")).getRaster();
        assertEquals(40, mask.getWidth());
        assertEquals(30, mask.getHeight());
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                int expected = x >= 5 && x < 15 && y >= 5 && y < 15 ? 1 : x == 30 && y < 10 ? 18 : 0;
                assertEquals(expected, mask.getSample(x, y, 0), "mask pixel " + x + "," + y);
            }
        }

        Map<String, Object> second = rows.get(1);
        assertEquals(List.of("a dog"), JSON.readValue((String) second.get("captions"), List.class));
        Raster mask2 = FormatTestSupport.decode((byte[]) second.get("mask")).getRaster();
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                assertEquals(x == 1 ? 18 : 0, mask2.getSample(x, y, 0), "string-RLE pixel " + x + "," + y);
            }
        }
        Map<String, Object> third = rows.get(2);
        assertEquals(0L, third.get("num_objects"));
        assertEquals("[]", third.get("annotations"));
        assertEquals("[]", third.get("captions"));
        Raster empty = FormatTestSupport.decode((byte[]) third.get("mask")).getRaster();
        assertEquals(10, empty.getWidth());
        assertEquals(0, empty.getSample(9, 9, 0));
    }

    @Test
    void categoryIdsAbove255GiveA16BitMask() throws Exception {
        Path json = FormatTestSupport.write(dir.resolve("big.json"), """
                {"images": [{"id": 7, "file_name": "2.png", "width": 20, "height": 20}],
                 "categories": [{"id": 1000, "name": "many"}],
                 "annotations": [{"id": 1, "image_id": 7, "category_id": 1000, "bbox": [0, 0, 4, 4], "area": 16,
                                  "segmentation": [[0, 0, 4, 0, 4, 4, 0, 4]]}]}
                """);
        Raster mask = FormatTestSupport.decode((byte[]) FormatTestSupport.rows(new Coco(images, json, null)).getFirst().get("mask")).getRaster();
        assertEquals(1000, mask.getSample(2, 2, 0));
        assertEquals(0, mask.getSample(5, 5, 0));
    }

    @Test
    void missingImageFileIsAnErrorNamingItOrSkipped() throws Exception {
        Files.delete(images.resolve("3.jpg"));
        IngestException e = assertThrows(IngestException.class, () -> FormatTestSupport.rows(new Coco(images, instances, captions)));
        assertTrue(e.getMessage().contains("3.jpg") && e.getMessage().contains("not found"), e.getMessage());

        Coco coco = new Coco(images, instances, captions);
        List<Map<String, Object>> rows = FormatTestSupport.rows(coco, FormatTestSupport.skipping());
        assertEquals(List.of(1L, 2L), rows.stream().map(r -> r.get("image_id")).toList());
        assertEquals(1, coco.skipped().size());
        assertTrue(coco.skipped().getFirst().path().endsWith("3.jpg"));
    }

    @Test
    void annotationOfUnknownImageIsAnErrorNamingItOrSkipped() throws Exception {
        Path bad = FormatTestSupport.write(dir.resolve("bad.json"), instancesJson("""
                {"id": 13, "image_id": 99, "category_id": 1, "bbox": [0, 0, 1, 1], "area": 1, "segmentation": [[0,0,1,0,1,1]]},"""));
        IngestException e = assertThrows(IngestException.class, () -> FormatTestSupport.rows(new Coco(images, bad, null)));
        assertTrue(e.getMessage().contains("annotation 13") && e.getMessage().contains("image_id 99"), e.getMessage());

        Coco coco = new Coco(images, bad, null);
        assertEquals(3, FormatTestSupport.rows(coco, FormatTestSupport.skipping()).size());
        assertTrue(coco.skipped().getFirst().reason().contains("annotation 13"));
    }

    @Test
    void pipelineMakesThumbnailsForTheImageColumnAndHonoursExplicitSchema() {
        var store = new ai.deeplake4j.formats.MemoryStore();
        IngestResult result = new IngestPipeline(store, Normalizers.defaults(), List.of()).ingest("coco", null,
                IngestOptions.builder().format(new Coco(images, instances, captions)).schema("width", "INT32").build());
        assertEquals(3, result.rowCount());
        assertEquals(TypeKind.INT32, store.schemas.get("coco").types().get("width").kind());
        assertEquals(TypeKind.SEGMENT_MASK, store.schemas.get("coco").types().get("mask").kind());
        Set<Object> fileIds = store.rows("coco").stream().map(r -> r.get("file_id")).collect(Collectors.toSet());
        assertEquals(3, fileIds.size());
        List<Map<String, Object>> thumbs = store.rows(IngestPipeline.THUMBNAILS_TABLE);
        assertEquals(12, thumbs.size());
        assertEquals(fileIds, thumbs.stream().map(t -> t.get("file_id")).collect(Collectors.toSet()));
        assertEquals(Set.of("image"), thumbs.stream().map(t -> t.get("column_name")).collect(Collectors.toSet()));
        for (Map<String, Object> t : thumbs) {
            String[] wh = ((String) t.get("dimension")).split("x");
            int box = Math.max(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
            assertTrue(Set.of(32, 64, 128, 256).contains(box), "dimension is the real size, longer side the box: " + t.get("dimension"));
        }
    }
}
