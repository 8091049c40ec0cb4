package ai.deeplake4j.server.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.schema.TableInfo;
import ai.deeplake4j.api.schema.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The behaviour every {@link Client} shares (ARCHITECTURE 2.1, 2.7), run against the embedded and
 * the remote client. Each test uses its own tables, so one lake serves the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ClientContractTest {

    /** One directory for the whole class (a lake lives across tests). */
    protected Path dir;

    @BeforeAll
    void createDirectory() throws java.io.IOException {
        dir = Files.createTempDirectory("deeplake4j-contract");
    }

    @AfterAll
    void deleteDirectory() throws java.io.IOException {
        closeClient();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Closes what {@link #client()} opened. */
    protected abstract void closeClient();

    /** The client under test: organization {@code acme}, workspace {@code default}. */
    protected abstract Client client();

    private static Map<String, List<?>> docs(int from, int to) {
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("id", IntStream.range(from, to).mapToObj(i -> (long) i).toList());
        data.put("text", IntStream.range(from, to).mapToObj(i -> "doc " + i).toList());
        data.put("score", IntStream.range(from, to).mapToObj(i -> i / 2.0).toList());
        return data;
    }

    @Test
    void ingestColumnDataCreatesTheTableAndReportsItsPath() {
        IngestResult r = client().ingest("c_create", docs(0, 10));
        assertEquals("c_create", r.tableName());
        assertEquals(10, r.rowCount());
        assertEquals("al://default/c_create", r.datasetPath());
        assertEquals(10L, number(client().query("SELECT count(*) AS n FROM c_create").get(0).get("n")));
    }

    @Test
    void ingestAppendsToAnExistingTableWithTheSameSchema() {
        client().ingest("c_append", docs(0, 5));
        client().ingest("c_append", docs(5, 12));
        Map<String, Object> row = client().query("SELECT count(*) AS n, max(id) AS hi FROM c_append").get(0);
        assertEquals(12L, number(row.get("n")));
        assertEquals(11L, number(row.get("hi")));
    }

    @Test
    void ingestOfAnIncompatibleColumnIsATableException() {
        client().ingest("c_incompatible", docs(0, 2));
        Map<String, List<?>> bad = Map.of("id", List.of("not a number"));
        assertThrows(TableException.class, () -> client().ingest("c_incompatible", bad));
    }

    @Test
    void aNanEmbeddingIsRefusedAndAFailedFirstIngestLeavesNoTable() {
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("id", List.of(1L, 2L, 3L));
        data.put("emb", List.of(List.of(0.5, 0.5), List.of(0.5, 0.5), List.of(0.5, Double.NaN)));
        IngestException e = assertThrows(IngestException.class, () -> client().ingest("c_nan", data));
        assertTrue(e.getMessage().contains("'emb' row 2") && e.getMessage().contains("NaN"), e.getMessage());
        assertFalse(client().listTables().contains("c_nan"), client().listTables().toString());
        assertFalse(Files.exists(dir.resolve("lake/warehouse/acme/default/c_nan")), "no directory left in the warehouse");
        // into an existing table the same failure keeps what was there
        client().ingest("c_nan_kept", Map.of("id", List.of(1L), "emb", List.of(List.of(0.5, 0.5))));
        assertThrows(IngestException.class, () -> client().ingest("c_nan_kept", data));
        assertEquals(1L, number(client().query("SELECT count(*) AS n FROM c_nan_kept").get(0).get("n")));
    }

    @Test
    void ingestWithNeitherDataNorFormatIsAnIngestException() {
        assertThrows(IngestException.class, () -> client().ingest("c_nothing", null, IngestOptions.defaults()));
    }

    @Test
    void invalidTableNamesAreRefused() {
        for (String name : List.of("../etc", "a/b", "x".repeat(64))) {
            ManagedServiceException e = assertThrows(ManagedServiceException.class, () -> client().ingest(name, docs(0, 1)));
            assertInstanceOf(TableException.class, e, name);
        }
    }

    @Test
    void queryKeepsColumnOrderAndBindsParameters() {
        client().ingest("c_params", docs(0, 20));
        List<Map<String, Object>> rows = client().query(
                "SELECT text, id, score FROM c_params WHERE id >= $1 AND text <> $2 ORDER BY id LIMIT 3", 10, "doc 11");
        assertEquals(List.of("text", "id", "score"), new ArrayList<>(rows.get(0).keySet()));
        assertEquals(List.of(10L, 12L, 13L), rows.stream().map(r -> number(r.get("id"))).toList());
        assertEquals("doc 12", rows.get(1).get("text"));
        assertEquals(6.0, ((Number) rows.get(1).get("score")).doubleValue());
    }

    @Test
    void queryBuilderSelectsFiltersOrdersAndPages() {
        client().ingest("c_builder", docs(0, 30));
        List<Map<String, Object>> rows = client().table("c_builder").select("id", "text")
                .where("id < $1", 20).where("id % $2 = 0", 5).orderBy("id DESC").limit(2).offset(1).execute();
        assertEquals(List.of(10L, 5L), rows.stream().map(r -> number(r.get("id"))).toList());
    }

    @Test
    void insertUpdateAndDeleteReturnTheirCounts() {
        client().ingest("c_dml", docs(0, 4));
        assertEquals(1L, number(client().query("INSERT INTO c_dml (id, text, score) VALUES ($1, $2, $3)", 100, "new", 1.5).get(0).get("count")));
        assertEquals(2L, number(client().query("UPDATE c_dml SET text = 'changed' WHERE id < 2").get(0).get("count")));
        assertEquals(1L, number(client().query("DELETE FROM c_dml WHERE id = 3").get(0).get("count")));
        List<Map<String, Object>> rows = client().query("SELECT id, text FROM c_dml ORDER BY id");
        assertEquals(List.of(0L, 1L, 2L, 100L), rows.stream().map(r -> number(r.get("id"))).toList());
        assertEquals("changed", rows.get(0).get("text"));
    }

    @Test
    void listTablesIsSortedAndDropRemovesATable() {
        client().ingest("c_list_b", docs(0, 1));
        client().ingest("c_list_a", docs(0, 1));
        List<String> tables = client().listTables();
        assertTrue(tables.indexOf("c_list_a") < tables.indexOf("c_list_b") && tables.indexOf("c_list_a") >= 0, tables.toString());
        assertEquals(tables.stream().sorted().toList(), tables);
        client().dropTable("c_list_a");
        assertFalse(client().listTables().contains("c_list_a"));
    }

    @Test
    void droppingAMissingTableFailsOnlyWithoutIfExists() {
        client().dropTable("c_never", true);
        assertThrows(TableException.class, () -> client().dropTable("c_never", false));
    }

    @Test
    void describeTableReportsColumnsTypesAndRows() {
        Map<String, List<?>> data = new LinkedHashMap<>(docs(0, 3));
        data.put("emb", List.of(List.of(0.1, 0.2), List.of(0.3, 0.4), List.of(0.5, 0.6)));
        client().ingest("c_describe", data);
        TableInfo info = client().describeTable("c_describe");
        assertEquals("c_describe", info.name());
        assertEquals("al://default/c_describe", info.datasetPath());
        assertEquals(List.of("id", "text", "score", "emb"), info.columns().stream().map(c -> c.name()).toList());
        assertEquals(TypeKind.INT64, info.column("id").type().kind());
        assertEquals(TypeKind.EMBEDDING, info.column("emb").type().kind());
        assertEquals(3, info.rowCount());
        assertTrue(info.snapshotId() > 0);
    }

    @Test
    void unknownTablesAreTableExceptions() {
        assertThrows(TableException.class, () -> client().describeTable("c_missing"));
    }

    @Test
    void malformedSqlIsAQueryException() {
        client().ingest("c_syntax", docs(0, 1));
        assertThrows(QueryException.class, () -> client().query("SELEC id FROM c_syntax"));
    }

    @Test
    void embeddingsAndNullsRoundTrip() {
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("id", List.of(1L, 2L));
        data.put("emb", List.of(new float[] {0.25f, -1.5f, 3f}, new float[] {1f, 0f, 0.125f}));
        List<String> notes = new ArrayList<>();
        notes.add("x");
        notes.add(null);
        data.put("note", notes);
        client().ingest("c_vectors", data);
        List<Map<String, Object>> rows = client().query("SELECT emb, note FROM c_vectors ORDER BY id");
        assertEquals(List.of(0.25f, -1.5f, 3f), floats(rows.get(0).get("emb")));
        assertEquals(List.of(1f, 0f, 0.125f), floats(rows.get(1).get("emb")));
        assertEquals("x", rows.get(0).get("note"));
        assertEquals(null, rows.get(1).get("note"));
    }

    @Test
    void vectorIndexIsCreatedDescribedSearchedAndDropped() {
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("id", List.of(1L, 2L, 3L));
        data.put("emb", List.of(List.of(1.0, 0.0, 0.0), List.of(0.0, 1.0, 0.0), List.of(0.7, 0.7, 0.0)));
        client().ingest("c_search", data);
        client().createIndex("c_search", "emb");
        assertEquals("clustered", client().describeTable("c_search").column("emb").index());
        List<Map<String, Object>> hits = client().query(
                "SELECT id, emb <#> $1::float4[] AS score FROM c_search ORDER BY score DESC LIMIT 2", List.of(0.0, 1.0, 0.0));
        assertEquals(List.of(2L, 3L), hits.stream().map(r -> number(r.get("id"))).toList());
        client().dropIndex("c_search", "emb");
        assertEquals(null, client().describeTable("c_search").column("emb").index());
    }

    @Test
    void filesAreNormalizedWhereIngestIsCalled() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "lake ".repeat(500));
        IngestResult r = client().ingest("c_files", Map.of("path", List.of(file.toString())),
                IngestOptions.builder().schema("path", "FILE").build());
        assertEquals(3, r.rowCount());
        List<Map<String, Object>> rows = client().query("SELECT chunk_index, length(text) AS len FROM c_files ORDER BY chunk_index");
        assertEquals(List.of(0L, 1L, 2L), rows.stream().map(m -> number(m.get("chunk_index"))).toList());
        assertEquals(1000L, number(rows.get(0).get("len")));
    }

    /** A whole number as Long, whatever the client's boxing. */
    protected static long number(Object v) {
        return ((Number) v).longValue();
    }

    /** A vector as floats, from float[], or a list of numbers. */
    protected static List<Float> floats(Object v) {
        if (v instanceof float[] f) {
            List<Float> out = new ArrayList<>();
            for (float x : f) {
                out.add(x);
            }
            return out;
        }
        return ((List<?>) v).stream().map(x -> ((Number) x).floatValue()).toList();
    }
}
