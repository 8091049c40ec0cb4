package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.ingest.Progress;
import ai.deeplake4j.ingest.text.HtmlText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileIngestTest {
    @TempDir
    Path lake;

    private static IngestOptions files(int size, int overlap) {
        return IngestOptions.builder().schema("path", "FILE").chunkSize(size).chunkOverlap(overlap).build();
    }

    /** Chunks the rule gives for a text of this length. */
    private static long expectedChunks(int length, int size, int overlap) {
        return length <= size ? 1 : 1 + (long) Math.ceil((length - size) / (double) (size - overlap));
    }

    private static String visibleText(Path file) throws Exception {
        String s = Files.readString(file);
        return file.toString().endsWith(".html") ? HtmlText.extract(s) : s;
    }

    @Test
    void corpusTextFilesBecomeChunksWithExactBoundaries() throws Exception {
        Path dir = Corpus.dir("text");
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir)) {
            inputs = s.sorted().toList();
        }
        List<Progress> progress = new ArrayList<>();
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            IngestResult result = client.ingest("docs", Map.of("path", List.of(dir.toString())),
                    files(1000, 200).toBuilder().onProgress(progress::add).build());

            long expectedTotal = 0;
            Map<Path, Long> expected = new HashMap<>();
            for (Path f : inputs) {
                long n = expectedChunks(visibleText(f).length(), 1000, 200);
                expected.put(f, n);
                expectedTotal += n;
            }
            assertEquals(expectedTotal, result.rowCount());
            assertEquals("al://default/docs", result.datasetPath());
            assertEquals(expectedTotal, ((Number) client.query("SELECT count(*) AS n FROM docs").get(0).get("n")).longValue());
            assertEquals(inputs.size(), ((Number) client.query("SELECT count(DISTINCT file_id) AS n FROM docs").get(0).get("n")).intValue());
            assertEquals(expectedTotal, ((Number) client.query("SELECT count(DISTINCT id) AS n FROM docs").get(0).get("n")).longValue());

            // Every file's chunks, in order, rebuild its text: at most 1000 chars, 200 shared with the next.
            List<Map<String, Object>> files = client.query("SELECT file_id, count(*) AS n FROM docs GROUP BY file_id");
            for (Map<String, Object> f : files) {
                List<Map<String, Object>> chunks = client.query(
                        "SELECT chunk_index, text FROM docs WHERE file_id = $1 ORDER BY chunk_index", f.get("file_id"));
                StringBuilder rebuilt = new StringBuilder();
                for (int i = 0; i < chunks.size(); i++) {
                    String text = (String) chunks.get(i).get("text");
                    assertEquals((long) i, ((Number) chunks.get(i).get("chunk_index")).longValue());
                    assertTrue(text.length() <= 1000, "chunk longer than chunk_size");
                    if (i > 0) {
                        String prev = (String) chunks.get(i - 1).get("text");
                        assertEquals(prev.substring(prev.length() - 200), text.substring(0, 200), "overlap of 200 chars");
                        rebuilt.append(text.substring(200));
                    } else {
                        rebuilt.append(text);
                    }
                }
                String whole = rebuilt.toString();
                assertTrue(inputs.stream().anyMatch(p -> {
                    try {
                        return visibleText(p).equals(whole) && expected.get(p) == chunks.size();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }), "chunks of a file rebuild exactly one corpus file");
            }
            Progress last = progress.getLast();
            assertEquals(inputs.size(), last.filesDone());
            assertEquals(inputs.size(), last.filesTotal());
            assertEquals(expectedTotal, last.rowsWritten());
            assertEquals(expectedTotal, last.totalRows(), "the last report is 100%");
            for (Progress p : progress) {
                assertTrue(p.totalRows() >= p.rowsWritten() && p.totalRows() > 0, "a known total, never below what is written: " + p);
            }
        }
    }

    @Test
    void knownPhrasesAreFoundWithLike() {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            client.ingest("docs", Map.of("path", List.of(Corpus.dir("text").toString())), files(1000, 200));
            assertTrue(count(client, "%GNU General Public License%") > 0);
            assertTrue(count(client, "%assert.deepStrictEqual%") > 0);
            assertTrue(count(client, "%Legacy URL API%") > 0);
            assertEquals(0, count(client, "%no such phrase in the corpus 1234%"));
            // HTML markup is gone from the html file's chunks
            assertEquals(0, count(client, "%<script%"));
        }
    }

    private static long count(EmbeddedClient client, String pattern) {
        return ((Number) client.query("SELECT count(*) AS n FROM docs WHERE text LIKE $1", pattern).get(0).get("n")).longValue();
    }

    @Test
    void otherFilesBecomeOneBinaryRowAndOptionsChangeChunking(@TempDir Path files) throws Exception {
        Path bin = files.resolve("blob.bin");
        byte[] bytes = new byte[] {0, 1, 2, (byte) 255};
        Files.write(bin, bytes);
        Path txt = files.resolve("a.txt");
        Files.writeString(txt, "x".repeat(250));
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            IngestResult r = client.ingest("mixed", Map.of("path", List.of(bin.toString(), txt.toString())), files(100, 50));
            assertEquals(1 + expectedChunks(250, 100, 50), r.rowCount());
            Map<String, Object> row = client.query("SELECT data, filename FROM mixed WHERE data IS NOT NULL").getFirst();
            assertEquals("blob.bin", row.get("filename"));
            assertTrue(java.util.Arrays.equals(bytes, (byte[]) row.get("data")));
            assertEquals(4L, ((Number) client.query("SELECT count(*) AS n FROM mixed WHERE text IS NOT NULL").get(0).get("n")).longValue());
        }
    }
}
