package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.formats.coco.Coco;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formats end to end through the embedded client: typed columns, SQL over them, thumbnails. */
class FormatIngestTest {

    /** A custom format whose second batch fails with a plain IllegalStateException. */
    static final class FailingFormat implements ai.deeplake4j.api.ingest.Format {
        @Override
        public java.util.Iterator<Map<String, List<?>>> normalize() {
            return new java.util.Iterator<>() {
                int n;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Map<String, List<?>> next() {
                    if (n++ == 1) {
                        throw new IllegalStateException("sensor log 17 is unreadable");
                    }
                    return Map.of("x", List.of(1L, 2L));
                }
            };
        }
    }

    @Test
    void aFormatThatThrowsFailsWithAnIngestExceptionNamingTheFormatAndBatch(@TempDir Path lake) {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(ai.deeplake4j.api.error.IngestException.class,
                    () -> client.ingest("sensors", null, IngestOptions.builder().format(new FailingFormat()).build()));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(FailingFormat.class.getName())
                    && e.getMessage().contains("batch 2") && e.getMessage().contains("sensor log 17 is unreadable")
                    && e.getMessage().contains("'sensors'"), e.getMessage());
            org.junit.jupiter.api.Assertions.assertInstanceOf(IllegalStateException.class, e.getCause());
            org.junit.jupiter.api.Assertions.assertFalse(client.listTables().contains("sensors"), "nothing was committed: no table left");
        }
    }
    @TempDir
    Path dir;

    private static byte[] png(int w, int h, int rgb) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void cocoIngestsTypedColumnsWithMaskAndThumbnails() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        byte[] one = png(8, 6, 0xff0000);
        Files.write(images.resolve("1.png"), one);
        Files.write(images.resolve("2.png"), png(4, 4, 0x00ff00));
        Path instances = Files.writeString(dir.resolve("instances.json"), """
                {"images": [{"id": 1, "file_name": "1.png", "width": 8, "height": 6},
                            {"id": 2, "file_name": "2.png", "width": 4, "height": 4}],
                 "categories": [{"id": 3, "name": "car"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 3, "bbox": [0, 0, 2, 2], "area": 4, "iscrowd": 0,
                                  "segmentation": [[0, 0, 2, 0, 2, 2, 0, 2]]}]}
                """);
        try (EmbeddedClient client = EmbeddedClient.open(dir.resolve("lake"))) {
            IngestResult r = client.ingest("coco", null, IngestOptions.builder().format(new Coco(images, instances, null)).build());
            assertEquals(2, r.rowCount());
            List<Map<String, Object>> rows = client.query(
                    "SELECT image_id, image, mask, width, num_objects, annotations->>'$[0].category_id' AS cat, file_id"
                            + " FROM coco ORDER BY image_id");
            assertEquals(1L, ((Number) rows.get(0).get("image_id")).longValue());
            assertArrayEquals(one, (byte[]) rows.get(0).get("image"));
            BufferedImage mask = ImageIO.read(new ByteArrayInputStream((byte[]) rows.get(0).get("mask")));
            assertEquals(3, mask.getRaster().getSample(1, 1, 0));
            assertEquals(0, mask.getRaster().getSample(5, 5, 0));
            assertEquals(8L, ((Number) rows.get(0).get("width")).longValue());
            assertEquals(1L, ((Number) rows.get(0).get("num_objects")).longValue());
            assertEquals("3", rows.get(0).get("cat"));
            List<Map<String, Object>> thumbs = client.query(
                    "SELECT count(*) AS n FROM thumbnails WHERE file_id = $1 AND column_name = 'image'", rows.get(0).get("file_id"));
            assertEquals(4L, ((Number) thumbs.get(0).get("n")).longValue());
        }
    }

    @Test
    void huggingFaceDataKeyReadsALocalDatasetWithClassLabelNames() throws Exception {
        Path file = Files.createDirectories(dir.resolve("hf/data")).resolve("train-00000-of-00001.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("CREATE TABLE t (image STRUCT(bytes BLOB, path VARCHAR), label BIGINT)");
            try (PreparedStatement p = db.prepareStatement("INSERT INTO t SELECT {'bytes': ?::BLOB, 'path': 'a.png'}, ?")) {
                for (int i = 0; i < 3; i++) {
                    p.setBytes(1, png(5, 5, 0x111111 * (i + 1)));
                    p.setLong(2, i % 2);
                    p.addBatch();
                }
                p.executeBatch();
            }
            s.execute("COPY t TO '" + file + "' (FORMAT parquet, KV_METADATA {huggingface: "
                    + "'{\"info\": {\"features\": {\"image\": {\"_type\": \"Image\"}, \"label\": {\"names\": [\"neg\", \"pos\"], \"_type\": \"ClassLabel\"}}}}'})");
        }
        try (EmbeddedClient client = EmbeddedClient.open(dir.resolve("lake"))) {
            IngestResult r = client.ingest("hf", Map.of("_huggingface", List.of(dir.resolve("hf").toString())));
            assertEquals(3, r.rowCount());
            assertEquals("CLASS_LABEL", client.describeTable("hf").columns().get(1).type().toString());
            List<Map<String, Object>> rows = client.query("SELECT label_name, count(*) AS n FROM hf GROUP BY label_name ORDER BY label_name");
            assertEquals("neg", rows.get(0).get("label_name"));
            assertEquals(2L, ((Number) rows.get(0).get("n")).longValue());
            assertEquals("pos", rows.get(1).get("label_name"));
        }
    }
}
