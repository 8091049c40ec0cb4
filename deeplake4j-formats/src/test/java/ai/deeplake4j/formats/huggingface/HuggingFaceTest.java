package ai.deeplake4j.formats.huggingface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.ingest.Format;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.formats.FormatTestSupport;
import ai.deeplake4j.formats.MemoryStore;
import ai.deeplake4j.ingest.normalize.Normalizers;
import ai.deeplake4j.ingest.pipeline.IngestPipeline;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceTest {
    /** An endpoint nothing listens on: a test that reaches it fails instead of touching the network. */
    private static final String NOWHERE = "http://127.0.0.1:9";

    @TempDir
    Path dir;

    private static void assertRows(List<Map<String, Object>> rows, int from, int to) {
        assertEquals(to - from, rows.size());
        for (int i = from; i < to; i++) {
            Map<String, Object> r = rows.get(i - from);
            assertArrayEquals(HubParquetFixture.image(i), (byte[]) r.get("image"), "image of row " + i);
            assertEquals(HubParquetFixture.label(i), r.get("label"));
            assertEquals(HubParquetFixture.NAMES.get(HubParquetFixture.label(i)), r.get("label_name"));
            assertEquals(HubParquetFixture.caption(i), r.get("caption"));
        }
    }

    @Test
    void localDirectoryThroughThePipelineGivesImageAndClassLabelWithNamesAndThumbnails() throws Exception {
        Path ds = dir.resolve("pets");
        HubParquetFixture.write(ds.resolve("data/train-00000-of-00002.parquet"), 0, 5);
        HubParquetFixture.write(ds.resolve("data/train-00001-of-00002.parquet"), 5, 7);
        HubParquetFixture.write(ds.resolve("data/test-00000-of-00001.parquet"), 100, 102);
        MemoryStore store = new MemoryStore();
        // The default constructor finds HuggingFaceSource through META-INF/services.
        IngestResult result = new IngestPipeline(store, Normalizers.defaults()).ingest("pets",
                Map.of("_huggingface", List.of(ds.toString())), IngestOptions.defaults());
        assertEquals(7, result.rowCount());
        Map<String, ai.deeplake4j.api.schema.ColumnType> types = store.schemas.get("pets").types();
        assertEquals(List.of("image", "label", "label_name", "caption", "file_id"), List.copyOf(types.keySet()));
        assertEquals(TypeKind.IMAGE, types.get("image").kind());
        assertEquals(TypeKind.CLASS_LABEL, types.get("label").kind());
        assertEquals(TypeKind.TEXT, types.get("label_name").kind());
        assertRows(store.rows("pets"), 0, 7);
        assertEquals(7 * 4, store.rows(IngestPipeline.THUMBNAILS_TABLE).size());

        IngestResult test = new IngestPipeline(store, Normalizers.defaults()).ingest("pets_test",
                Map.of("_huggingface", List.of(ds.toString()), "_split", List.of("test")), IngestOptions.defaults());
        assertEquals(2, test.rowCount());
        assertRows(store.rows("pets_test"), 100, 102);
    }

    @Test
    void hubCacheSnapshotOfTheRevisionIsRead() throws Exception {
        Path cache = dir.resolve("hub");
        Path repo = cache.resolve("datasets--acme--pets");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "0123abcd\n");
        HubParquetFixture.write(repo.resolve("snapshots/0123abcd/plain/train/0000.parquet"), 0, 3);
        HubParquetFixture.write(repo.resolve("snapshots/0123abcd/other/train/0000.parquet"), 50, 51);
        HubParquetFixture.write(repo.resolve("snapshots/v1.0/plain/train/0000.parquet"), 10, 12);
        HuggingFaceSource source = new HuggingFaceSource(new HubSettings(NOWHERE, cache, null));
        try (Format f = source.open(Map.of("_huggingface", List.of("acme/pets"), "_config", List.of("plain")), IngestOptions.defaults())) {
            assertRows(FormatTestSupport.rows(f), 0, 3);
        }
        try (Format f = source.open(Map.of("_huggingface", List.of("acme/pets"), "_config", List.of("plain"),
                "_revision", List.of("v1.0")), IngestOptions.defaults())) {
            assertRows(FormatTestSupport.rows(f), 10, 12);
        }
    }

    @Test
    void downloadsThroughTheParquetListingOfALocalEndpointOnce() throws Exception {
        Path served = dir.resolve("served");
        HubParquetFixture.write(served.resolve("0.parquet"), 0, 4);
        HubParquetFixture.write(served.resolve("1.parquet"), 4, 6);
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            int status = 200;
            if (path.equals("/api/datasets/acme/pets/parquet/default/train")) {
                body = ("[\"" + base + "/files/0.parquet\", \"" + base + "/files/1.parquet\"]").getBytes(StandardCharsets.UTF_8);
            } else if (path.startsWith("/files/")) {
                body = Files.readAllBytes(served.resolve(path.substring("/files/".length())));
            } else {
                status = 404;
                body = "{\"error\": \"not found\"}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path cache = dir.resolve("empty-cache");
            HuggingFaceSource source = new HuggingFaceSource(new HubSettings(base + "/", cache, null));
            try (Format f = source.open(Map.of("_huggingface", List.of("acme/pets")), IngestOptions.defaults())) {
                assertRows(FormatTestSupport.rows(f), 0, 6);
            }
            assertEquals(3, requests.get());
            assertTrue(Files.exists(cache.resolve("deeplake4j-parquet/datasets--acme--pets/default/train/0001.parquet")));
            try (Format f = source.open(Map.of("_huggingface", List.of("acme/pets")), IngestOptions.defaults())) {
                assertRows(FormatTestSupport.rows(f), 0, 6);
            }
            assertEquals(3, requests.get(), "the second ingest reuses the downloaded files");

            IngestException e = assertThrows(IngestException.class, () -> source.open(
                    Map.of("_huggingface", List.of("acme/pets"), "_split", List.of("validation")), IngestOptions.defaults()));
            assertTrue(e.getMessage().contains("acme/pets") && e.getMessage().contains("404"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void wrongParquetSchemaIsAnErrorNamingTheFileOrSkipped() throws Exception {
        Path ds = dir.resolve("mixed");
        HubParquetFixture.write(ds.resolve("train/0000.parquet"), 0, 2);
        Path bad = ds.resolve("train/0001.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT 'x' AS text, 1 AS label) TO '" + bad + "' (FORMAT parquet)");
        }
        HuggingFaceSource source = new HuggingFaceSource(new HubSettings(NOWHERE, dir.resolve("c"), null));
        Map<String, List<?>> data = Map.of("_huggingface", List.of(ds.toString()));
        IngestException e = assertThrows(IngestException.class, () -> FormatTestSupport.rows(source.open(data, IngestOptions.defaults())));
        assertTrue(e.getMessage().contains("0001.parquet") && e.getMessage().contains("Wrong Parquet schema"), e.getMessage());

        Format skipping = source.open(data, IngestOptions.defaults());
        assertRows(FormatTestSupport.rows(skipping, FormatTestSupport.skipping()), 0, 2);
        assertTrue(skipping.skipped().getFirst().path().endsWith("0001.parquet"));
    }

    @Test
    void unknownDataKeysAndMissingDatasetsAreClearErrors() {
        HuggingFaceSource source = new HuggingFaceSource(new HubSettings(NOWHERE, dir.resolve("c"), null));
        IngestException extra = assertThrows(IngestException.class, () -> source.open(
                Map.of("_huggingface", List.of("x"), "text", List.of("a")), IngestOptions.defaults()));
        assertTrue(extra.getMessage().contains("'text'"), extra.getMessage());
        IngestException local = assertThrows(IngestException.class, () -> source.open(
                Map.of("_huggingface", List.of(dir.toString())), IngestOptions.defaults()));
        assertTrue(local.getMessage().contains("split 'train'"), local.getMessage());
    }
}
