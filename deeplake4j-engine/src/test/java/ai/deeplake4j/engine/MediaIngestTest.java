package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.ingest.SkippedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3 end to end: the whole corpus (text, images, PDFs, videos, broken files) into one table. */
class MediaIngestTest {
    @TempDir
    Path lake;

    private static IngestOptions files(boolean skip) {
        return IngestOptions.builder().schema("path", "FILE").pdfDpi(50).skipFailedFiles(skip).build();
    }

    private static long count(EmbeddedClient client, String sql) {
        return ((Number) client.query(sql).getFirst().values().iterator().next()).longValue();
    }

    @Test
    void aMixedFolderBecomesOneTableAndBrokenFilesAreSkippedWithTheirReasons() {
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            try (EmbeddedClient client = EmbeddedClient.open(lake)) {
                IngestResult r = client.ingest("corpus", Map.of("path", List.of(Corpus.dir("").toString())), files(true));
                Set<String> skipped = r.skipped().stream().map(s -> Path.of(s.path()).getFileName().toString()).collect(Collectors.toSet());
                assertEquals(Set.of("truncated.mp4", "invalid.pdf", "not-an-image.jpg", "empty.txt"), skipped);
                for (SkippedFile s : r.skipped()) {
                    assertTrue(s.reason() != null && !s.reason().isBlank(), "a reason for " + s.path());
                }
                assertEquals(r.rowCount(), count(client, "SELECT count(*) FROM corpus"));
                // the union of the types' columns, NULL where a type does not produce one
                Set<String> columns = client.describeTable("corpus").columns().stream().map(c -> c.name()).collect(Collectors.toSet());
                assertTrue(columns.containsAll(Set.of("id", "file_id", "chunk_index", "text", "image", "filename", "page_index",
                        "start_time", "end_time", "video_data", "thumbnail")), columns.toString());
                assertEquals(8, count(client, "SELECT count(*) FROM corpus WHERE image IS NOT NULL AND page_index IS NULL"), "8 images");
                assertTrue(count(client, "SELECT count(*) FROM corpus WHERE page_index IS NOT NULL") > 100, "PDF pages");
                assertTrue(count(client, "SELECT count(*) FROM corpus WHERE video_data IS NOT NULL") >= 4, "video segments");
                assertEquals(0, count(client, "SELECT count(*) FROM corpus WHERE video_data IS NOT NULL AND page_index IS NOT NULL"));
                assertTrue(count(client, "SELECT count(*) FROM corpus WHERE text LIKE '%GNU General Public License%'") > 0);
                // four thumbnails per image in the workspace's thumbnails table
                assertEquals(8 * 4, count(client, "SELECT count(*) FROM thumbnails WHERE column_name = 'image'"));
                // dimension is each thumbnail's real size; its longer side is the requested box
                Set<Integer> boxes = new java.util.TreeSet<>();
                for (Map<String, Object> t : client.query("SELECT dimension, content FROM thumbnails WHERE column_name = 'image'")) {
                    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream((byte[]) t.get("content")));
                    assertEquals(img.getWidth() + "x" + img.getHeight(), t.get("dimension"));
                    boxes.add(Math.max(img.getWidth(), img.getHeight()));
                }
                assertEquals(Set.of(32, 64, 128, 256), boxes);
                assertTrue(count(client, "SELECT count(*) FROM thumbnails WHERE column_name = 'image' AND dimension = '256x256'") < 8,
                        "not every image of the corpus is square");
            }
        });
    }

    @Test
    void aBrokenFileStopsTheIngestNamingItAndEarlierRowsStay(@TempDir Path folder) throws Exception {
        // each broken file with a good file of its type, so the table's schema fits both
        Map<String, Path> pairs = Map.of(
                "invalid.pdf", Corpus.dir("pdf").resolve("shared-mime-info-spec.pdf"),
                "truncated.mp4", Corpus.dir("video").resolve("tree.avi"),
                "not-an-image.jpg", Corpus.dir("image").resolve("rocket.jpg"),
                "empty.txt", Corpus.dir("text").resolve("git-copyright.txt"));
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (EmbeddedClient client = EmbeddedClient.open(lake)) {
                for (Map.Entry<String, Path> pair : pairs.entrySet()) {
                    String broken = pair.getKey();
                    String table = "t_" + broken.replaceAll("[^a-z]", "_");
                    Path good = pair.getValue();
                    client.ingest(table, Map.of("path", List.of(good.toString())), files(false));
                    long before = count(client, "SELECT count(*) FROM " + table);
                    assertTrue(before > 0);
                    Path dir = Files.createDirectory(folder.resolve("in-" + table));
                    Files.copy(good, dir.resolve("a-" + good.getFileName()));
                    Files.copy(Corpus.dir("broken").resolve(broken), dir.resolve("b-" + broken));
                    IngestException e = assertThrows(IngestException.class,
                            () -> client.ingest(table, Map.of("path", List.of(dir.toString())), files(false)));
                    assertTrue(e.getMessage().contains("b-" + broken), e.getMessage());
                    assertEquals(before, count(client, "SELECT count(*) FROM " + table), "earlier rows stay, nothing of the failed call");
                }
            }
        });
    }
}
