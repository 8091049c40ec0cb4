package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TableInfo;
import ai.deeplake4j.api.schema.TypeKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnDataIngestTest {
    @TempDir
    Path lake;
    EmbeddedClient client;

    @BeforeEach
    void open() {
        client = EmbeddedClient.open(lake);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private long count(String table) {
        return ((Number) client.query("SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
    }

    @Test
    void everyInferredTypeRoundTrips() {
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("flag", List.of(true, false));
        data.put("n", List.of(1, 2));
        data.put("x", List.of(0.25, 1.5));
        data.put("s", List.of("a", "b"));
        data.put("raw", List.of(new byte[] {1, 2}, new byte[] {3}));
        data.put("emb", List.of(List.of(0.1, 0.2, 0.3), List.of(1, 2, 3)));
        data.put("multi", List.of(List.of(List.of(1, 2), List.of(3, 4)), List.of(List.of(5, 6))));
        data.put("meta", List.of(Map.of("k", "v"), Map.of("k", "w")));
        client.ingest("typed", data);

        TableInfo info = client.describeTable("typed");
        assertEquals(List.of("BOOL", "INT64", "FLOAT64", "TEXT", "BINARY", "EMBEDDING(3)", "EMBEDDING_2D", "JSONB"),
                info.columns().stream().map(c -> c.type().toString()).toList());
        assertEquals(2, info.rowCount());

        Map<String, Object> row = client.query("SELECT * FROM typed ORDER BY n").getFirst();
        assertEquals(List.of("flag", "n", "x", "s", "raw", "emb", "multi", "meta"), List.copyOf(row.keySet()), "column order kept, _id hidden");
        assertEquals(true, row.get("flag"));
        assertEquals(1L, row.get("n"));
        assertEquals(0.25, row.get("x"));
        assertEquals("a", row.get("s"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) row.get("raw"));
        assertEquals(List.of(0.1f, 0.2f, 0.3f), row.get("emb"));
        assertEquals(List.of(List.of(1f, 2f), List.of(3f, 4f)), row.get("multi"));
        assertEquals("v", client.query("SELECT meta ->> 'k' AS k FROM typed WHERE n = 1").getFirst().get("k"));
    }

    @Test
    void explicitSchemaBeatsInferenceForEveryDeclaredType() {
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("i32", List.of(7));
        data.put("f32", List.of(0.5));
        data.put("label", List.of(3));
        data.put("img", List.of(new byte[] {(byte) 0xFF, (byte) 0xD8}));
        data.put("video", List.of(new byte[] {0}));
        data.put("mask", List.of(new byte[] {1}));
        data.put("bmask", List.of(new byte[] {0}));
        data.put("box", List.of(List.of(1, 2, 3, 4)));
        data.put("point", List.of(List.of(5, 6)));
        data.put("poly", List.of(new byte[] {2}));
        data.put("mesh", List.of(new byte[] {3}));
        data.put("scan", List.of(new byte[] {4}));
        data.put("doc", List.of("{\"a\": [1, 2]}"));
        data.put("emb", List.of(List.of(1, 0)));
        IngestOptions options = IngestOptions.builder()
                .schema("i32", "INT32").schema("f32", "FLOAT32").schema("label", "CLASS_LABEL").schema("img", "IMAGE")
                .schema("video", "VIDEO").schema("mask", "SEGMENT_MASK").schema("bmask", "BINARY_MASK")
                .schema("box", "BOUNDING_BOX").schema("point", "POINT").schema("poly", "POLYGON").schema("mesh", "MESH")
                .schema("scan", "MEDICAL").schema("doc", "JSONB").schema("emb", "EMBEDDING").build();
        client.ingest("declared", data, options);
        Map<String, TypeKind> kinds = new LinkedHashMap<>();
        client.describeTable("declared").columns().forEach(c -> kinds.put(c.name(), c.type().kind()));
        assertEquals(TypeKind.INT32, kinds.get("i32"));
        assertEquals(TypeKind.FLOAT32, kinds.get("f32"));
        assertEquals(TypeKind.CLASS_LABEL, kinds.get("label"));
        assertEquals(TypeKind.IMAGE, kinds.get("img"));
        assertEquals(TypeKind.VIDEO, kinds.get("video"));
        assertEquals(TypeKind.SEGMENT_MASK, kinds.get("mask"));
        assertEquals(TypeKind.BINARY_MASK, kinds.get("bmask"));
        assertEquals(TypeKind.BOUNDING_BOX, kinds.get("box"));
        assertEquals(TypeKind.POINT, kinds.get("point"));
        assertEquals(TypeKind.POLYGON, kinds.get("poly"));
        assertEquals(TypeKind.MESH, kinds.get("mesh"));
        assertEquals(TypeKind.MEDICAL, kinds.get("scan"));
        assertEquals(TypeKind.JSONB, kinds.get("doc"));
        assertEquals(TypeKind.EMBEDDING, kinds.get("emb"));
        Map<String, Object> row = client.query("SELECT i32, f32, label, box, doc::JSON -> 'a' ->> 1 AS second FROM declared").getFirst();
        assertEquals(7, row.get("i32"));
        assertEquals(0.5f, row.get("f32"));
        assertEquals(3, row.get("label"));
        assertEquals(List.of(1f, 2f, 3f, 4f), row.get("box"));
        assertEquals("2", row.get("second"));
    }

    @Test
    void ingestAppendsToExistingTableWithCompatibleSchema() {
        client.ingest("t", Map.of("name", List.of("a", "b"), "score", List.of(1.0, 2.0)));
        // ints into a FLOAT64 column, and a subset of the columns: the others are NULL
        var r = client.ingest("t", Map.of("score", List.of(3, 4, 5)));
        assertEquals(3, r.rowCount());
        assertEquals(5, count("t"));
        assertEquals(3L, ((Number) client.query("SELECT count(*) AS n FROM t WHERE name IS NULL").get(0).get("n")).longValue());
        assertEquals(15.0, ((Number) client.query("SELECT sum(score) AS s FROM t").get(0).get("s")).doubleValue());
    }

    @Test
    void incompatibleAppendNamesTheColumnAndKeepsTheTable() {
        client.ingest("t", Map.of("name", List.of("a"), "emb", List.of(List.of(1, 2, 3))));
        TableException wrongType = assertThrows(TableException.class, () -> client.ingest("t", Map.of("name", List.of(5))));
        assertTrue(wrongType.getMessage().contains("'name'") && wrongType.getMessage().contains("TEXT"), wrongType.getMessage());
        TableException wrongDim = assertThrows(TableException.class, () -> client.ingest("t", Map.of("emb", List.of(List.of(1, 2)))));
        assertTrue(wrongDim.getMessage().contains("'emb'") && wrongDim.getMessage().contains("EMBEDDING(3)"), wrongDim.getMessage());
        TableException unknown = assertThrows(TableException.class, () -> client.ingest("t", Map.of("other", List.of(1))));
        assertTrue(unknown.getMessage().contains("'other'"), unknown.getMessage());
        assertEquals(1, count("t"));
        assertEquals("a", client.query("SELECT name FROM t").getFirst().get("name"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void badDataGetsClearErrorsAndLosesNothing() {
        client.ingest("t", Map.of("a", List.of("keep")));
        assertMessage(IngestException.class, () -> client.ingest("t", null), "give data");
        assertMessage(IngestException.class, () -> client.ingest("t", (Map) Map.of("a", 5)), "must be a list");
        assertMessage(IngestException.class, () -> client.ingest("t", Map.of()), "no columns");
        assertMessage(IngestException.class, () -> client.ingest("t", Map.of("a", List.of())), "no rows");
        Map<String, List<?>> unequal = new LinkedHashMap<>();
        unequal.put("a", List.of("x", "y"));
        unequal.put("b", List.of(1));
        assertMessage(IngestException.class, () -> client.ingest("t", unequal), "unequal lengths");
        assertMessage(TableException.class, () -> client.ingest("t", Map.of("a", List.of("x")),
                IngestOptions.builder().schema("a", "TEXTISH").build()), "Unknown column type: 'TEXTISH'");
        assertMessage(IngestException.class, () -> client.ingest("t", Map.of("path", List.of("/no/such/file.txt")),
                IngestOptions.builder().schema("path", "FILE").build()), "File not found: /no/such/file.txt");
        assertMessage(IngestException.class, () -> client.ingest("t", Map.of("a", Arrays.asList("ok", 5))), "row 1");
        assertMessage(TableException.class, () -> client.ingest("bad name!", Map.of("a", List.of("x"))), "Invalid table name");
        assertEquals(1, count("t"));
        assertEquals("keep", client.query("SELECT a FROM t").getFirst().get("a"));
    }

    @Test
    void aFailureMidIngestKeepsEveryEarlierCommit() {
        List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            values.add(i == 2_300 ? "not a number" : (Object) (long) i);
        }
        IngestException e = assertThrows(IngestException.class, () -> client.ingest("n", Map.of("v", values),
                IngestOptions.builder().schema("v", ColumnType.of(TypeKind.INT64)).commitEvery(1_000).build()));
        assertTrue(e.getMessage().contains("row 2300"), e.getMessage());
        // the two commits of 1,000 rows stay; the rows after them are not visible
        assertEquals(2_000, count("n"));
        assertEquals(1999L, ((Number) client.query("SELECT max(v) AS m FROM n").get(0).get("m")).longValue());
    }

    @Test
    void listDescribeAndDropTables() {
        client.ingest("b", Map.of("x", List.of(1)));
        client.ingest("a", Map.of("x", List.of(1)));
        assertEquals(List.of("a", "b"), client.listTables());
        client.dropTable("a");
        assertEquals(List.of("b"), client.listTables());
        client.dropTable("a", true);
        assertMessage(TableException.class, () -> client.dropTable("a", false), "Table not found: a");
        assertMessage(TableException.class, () -> client.describeTable("a"), "Table not found: a");
        assertMessage(TableException.class, () -> client.query("SELECT * FROM a"), "Table not found: a");
        // a dropped name can be used again, with another schema
        client.ingest("a", Map.of("y", List.of("z")));
        assertEquals("z", client.query("SELECT y FROM a").getFirst().get("y"));
        assertNull(client.describeTable("a").column("x"));
    }

    @Test
    void progressReportsRowsAgainstTheTotal() {
        List<Long> seen = new java.util.ArrayList<>();
        List<Long> values = java.util.stream.LongStream.range(0, 1_000).boxed().toList();
        client.ingest("p", Map.of("v", values), IngestOptions.builder().flushEvery(100).onProgress(p -> {
            assertEquals(1_000, p.totalRows());
            seen.add(p.rowsWritten());
        }).build());
        assertTrue(seen.size() >= 10);
        assertEquals(1_000L, seen.getLast());
    }

    static <T extends ManagedServiceException> void assertMessage(Class<T> type, org.junit.jupiter.api.function.Executable call, String part) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
    }
}
