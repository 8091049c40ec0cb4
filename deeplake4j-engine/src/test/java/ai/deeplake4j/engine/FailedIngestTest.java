package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, points 8 and 9: NaN and infinite embedding values are refused where they enter
 * (ingest, INSERT) naming the column and row, and an ingest that fails into a new table leaves no
 * table behind (neither in the catalog nor as a directory), while earlier commits of an existing
 * table stay.
 */
class FailedIngestTest {
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

    private Path tableDir(String table) {
        return lake.resolve("warehouse").resolve(EmbeddedClient.DEFAULT_ORG).resolve("default").resolve(table);
    }

    private static Map<String, List<?>> rows(int n, int badRow, float bad) {
        List<Object> ids = new ArrayList<>();
        List<Object> embs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(i);
            embs.add(i == badRow ? List.of(0.5, bad) : List.of(0.5, 0.25));
        }
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("id", ids);
        data.put("emb", embs);
        return data;
    }

    private long count(String table) {
        return ((Number) client.query("SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
    }

    @Test
    void aNanEmbeddingIsRefusedNamingColumnAndRowAndLeavesNoNewTable() {
        IngestException e = assertThrows(IngestException.class, () -> client.ingest("vecs", rows(10, 7, Float.NaN)));
        assertTrue(e.getMessage().contains("'emb' row 7"), e.getMessage());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertFalse(client.listTables().contains("vecs"), "a failed first ingest leaves no table: " + client.listTables());
        assertFalse(Files.exists(tableDir("vecs")), "nor a directory in the warehouse");
        assertThrows(ai.deeplake4j.api.error.TableException.class, () -> client.describeTable("vecs"));
    }

    @Test
    void anInfiniteValueInATwoDimensionalEmbeddingIsRefused() {
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("id", List.of(0, 1));
        data.put("multi", List.of(List.of(List.of(1, 2), List.of(3, 4)), List.of(List.of(5, 6), List.of(Double.NEGATIVE_INFINITY, 0))));
        IngestException e = assertThrows(IngestException.class, () -> client.ingest("multis", data));
        assertTrue(e.getMessage().contains("'multi' row 1") && e.getMessage().contains("Infinity"), e.getMessage());
        assertFalse(client.listTables().contains("multis"));
    }

    @Test
    void aFailureIntoAnExistingTableKeepsItsEarlierCommits() {
        client.ingest("kept", rows(3, -1, 0));
        assertThrows(IngestException.class, () -> client.ingest("kept", rows(5, 4, Float.POSITIVE_INFINITY)));
        assertEquals(3, count("kept"));
        // a new table whose failure comes after a commit keeps what that commit wrote
        IngestOptions small = IngestOptions.builder().commitEvery(2).flushEvery(1).build();
        assertThrows(IngestException.class, () -> client.ingest("partly", rows(5, 4, Float.NaN), small));
        assertEquals(4, count("partly"));
    }

    @Test
    void aBrokenFirstFileLeavesNoNewTable(@TempDir Path folder) throws Exception {
        Path dir = Files.createDirectory(folder.resolve("in"));
        Files.copy(Corpus.dir("broken").resolve("invalid.pdf"), dir.resolve("a-invalid.pdf"));
        IngestOptions files = IngestOptions.builder().schema("path", "FILE").build();
        IngestException e = assertThrows(IngestException.class,
                () -> client.ingest("pages", Map.of("path", List.of(dir.toString())), files));
        assertTrue(e.getMessage().contains("a-invalid.pdf") && e.getMessage().contains("nothing was committed"), e.getMessage());
        assertFalse(client.listTables().contains("pages"), client.listTables().toString());
        assertFalse(Files.exists(tableDir("pages")));
    }

    @Test
    void anEmptyTableCreatedOnPurposeStays() {
        client.query("CREATE TABLE planned (id BIGINT, emb FLOAT4[])");
        assertThrows(IngestException.class, () -> client.ingest("planned", rows(3, 0, Float.NaN)));
        assertTrue(client.listTables().contains("planned"), "the ingest did not create it, so it does not drop it");
    }

    @Test
    void theEngineWriterRefusesANanRowFromAnyProducer() {
        // a server's row stream reaches the writer without passing the ingest pipeline
        client.ingest("direct", rows(1, -1, 0));
        Map<String, ColumnType> types = new LinkedHashMap<>();
        types.put("id", ColumnType.parse("INT64"));
        types.put("emb", ColumnType.parse("EMBEDDING(2)"));
        try (TableWriter w = client.engine().store().openWriter("direct", TableSchema.of(types))) {
            w.append(new Object[] {1L, new float[] {0.5f, 0.5f}});
            IngestException e = assertThrows(IngestException.class, () -> w.append(new Object[] {2L, new float[] {0.5f, Float.NaN}}));
            assertTrue(e.getMessage().contains("'emb' row 1") && e.getMessage().contains("'direct'"), e.getMessage());
            w.commit();
            w.sync();
        }
        assertEquals(2, count("direct"));
    }

    @Test
    void anInsertOfANanEmbeddingIsRefusedAndInsertsNothing() {
        client.ingest("ins", rows(2, -1, 0));
        QueryException e = assertThrows(QueryException.class,
                () -> client.query("INSERT INTO ins (id, emb) VALUES (5, [0.5, 0.5]), (6, [0.5, 'nan'::FLOAT])"));
        assertTrue(e.getMessage().contains("'emb' row 1") && e.getMessage().contains("NaN"), e.getMessage());
        assertEquals(2, count("ins"));
        client.query("INSERT INTO ins (id, emb) VALUES (7, [0.5, 0.5])");
        assertEquals(3, count("ins"));
    }
}
