package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.schema.Column;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 point 1 on the embedded client: hostile column names never reach the filesystem, index
 * directories are named by Iceberg field id, old name-based index directories are migrated, and
 * dropping the index of a missing column is a "does not exist" TableException.
 */
class NameConfinementTest {

    @TempDir
    Path root;
    Path lake;
    Path victim;
    EmbeddedClient client;

    @BeforeEach
    void open() throws IOException {
        lake = root.resolve("lake");
        victim = root.resolve("other");
        Files.createDirectories(victim);
        Files.writeString(victim.resolve("keep.txt"), "not yours");
        client = EmbeddedClient.open(lake);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private Path tableDir(String table) {
        return lake.resolve("warehouse/local/default").resolve(table);
    }

    /** Everything under the temporary root outside the lake: must never change. */
    private List<String> outsideTheLake() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.startsWith(lake)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../../x/victim", "../../../other", "..", ".", "a/b", "a\\b", "x\0y", "_id", "_ID", ""})
    void hostileColumnNamesAreRefusedOnIngestBeforeAnythingIsWritten(String column) throws IOException {
        List<String> before = outsideTheLake();
        TableException e = assertThrows(TableException.class, () -> client.ingest("q", Map.of(column, List.of("hello")),
                IngestOptions.builder().index(column).build()));
        assertInstanceOf(Names.InvalidName.class, e);
        assertTrue(e.getMessage().startsWith("Invalid column name: "), e.getMessage());
        assertEquals(before, outsideTheLake());
        assertFalse(client.listTables().contains("q"), "no table is created");
        assertFalse(Files.exists(root.resolve("x")));
    }

    @Test
    void hostileNamesInSchemaOptionsIndexOptionsAndSqlAreRefused() throws IOException {
        List<String> before = outsideTheLake();
        assertThrows(TableException.class, () -> client.ingest("q", Map.of("text", List.of("a")),
                IngestOptions.builder().schema("../../../../x/victim", "TEXT").build()));
        assertThrows(TableException.class, () -> client.ingest("q", Map.of("text", List.of("a")),
                IngestOptions.builder().index("../../../../x/victim").build()));
        assertFalse(client.listTables().contains("q"), "the index option is checked before rows are written");
        assertThrows(TableException.class, () -> client.query("CREATE TABLE s (\"../../../../x/victim\" TEXT)"));
        assertThrows(TableException.class, () -> client.query("CREATE TABLE s (\"_id\" TEXT)"));
        assertEquals(before, outsideTheLake());
    }

    @Test
    void aUserColumnNamedIdIsAClearTableException() {
        TableException e = assertThrows(TableException.class, () -> client.ingest("q", Map.of("_id", List.of("x"))));
        assertTrue(e.getMessage().contains("'_id'") && e.getMessage().contains("hidden row id"), e.getMessage());
    }

    @Test
    void indexDirectoriesAreNamedByFieldIdAndColumnsWithDotsWork() throws IOException {
        client.ingest("docs", Map.of("observation.state", List.of("river stone", "lake water")),
                IngestOptions.builder().index("observation.state").build());
        // _id has field id 1, the first user column 2
        assertTrue(Files.isDirectory(tableDir("docs").resolve("index/2")));
        assertFalse(Files.exists(tableDir("docs").resolve("index/observation.state")));
        assertEquals("bm25", client.describeTable("docs").columns().getFirst().index());
        List<Map<String, Object>> hits = client.query(
                "SELECT \"observation.state\" AS t, \"observation.state\" <#> 'river' AS s FROM docs ORDER BY s DESC LIMIT 1");
        assertEquals("river stone", hits.getFirst().get("t"));
        client.dropIndex("docs", "observation.state");
        assertFalse(Files.exists(tableDir("docs").resolve("index/2")));
    }

    @Test
    void droppingTheIndexOfAMissingOrHostileColumnTouchesNothing() throws IOException {
        client.ingest("q", Map.of("text", List.of("a", "b")), IngestOptions.builder().index("text").build());
        List<String> before = outsideTheLake();
        TableException missing = assertThrows(TableException.class, () -> client.dropIndex("q", "nope"));
        assertEquals("Column \"nope\" does not exist in table \"q\". Check the name with describeTable.", missing.getMessage());
        for (String hostile : List.of("../../../../other", "../../../other", "..", "../q", "../../default")) {
            assertThrows(TableException.class, () -> client.dropIndex("q", hostile), hostile);
            assertEquals(before, outsideTheLake(), hostile);
        }
        assertTrue(Files.exists(victim.resolve("keep.txt")));
        assertTrue(Files.isDirectory(tableDir("q").resolve("index/2")), "the real index is still there");
        assertThrows(TableException.class, () -> client.query("CREATE INDEX \"../../x\" ON q USING deeplake_index (text)"));
        assertThrows(TableException.class, () -> client.query("CREATE INDEX ON q USING deeplake_index (\"../../../../other\")"));
        assertEquals(before, outsideTheLake());
    }

    @Test
    void legacyIndexDirectoriesNamedAfterTheColumnAreMigratedToTheFieldId() throws IOException {
        Map<String, List<?>> data = new LinkedHashMap<>(); // column order decides the field ids: id 2, text 3
        data.put("id", List.of(1L, 2L));
        data.put("text", List.of("river stone", "lake water"));
        client.ingest("docs", data, IngestOptions.builder().index("text").build());
        client.close();
        Path index = tableDir("docs").resolve("index");
        // as an older lake has it: index/<column>/, plus a directory no column owns
        Files.move(index.resolve("3"), index.resolve("text"));
        Files.createDirectories(index.resolve("gone"));

        client = EmbeddedClient.open(lake);
        Column text = client.describeTable("docs").columns().get(1);
        assertEquals("text", text.name());
        assertEquals("bm25", text.index(), "the migrated index is found");
        assertTrue(Files.isDirectory(index.resolve("3")));
        assertFalse(Files.exists(index.resolve("text")));
        assertTrue(Files.isDirectory(index.resolve("gone")), "a directory no column owns is left alone");
        assertEquals("river stone", client.query("SELECT text, text <#> 'river' AS s FROM docs ORDER BY s DESC LIMIT 1")
                .getFirst().get("text"));
        assertNull(client.describeTable("docs").columns().get(0).index());
    }

    @Test
    void aLegacyDirectoryIsNotMigratedOverAFieldIdIndex() throws IOException {
        client.ingest("docs", Map.of("text", List.of("river stone")), IngestOptions.builder().index("text").build());
        client.close();
        Path index = tableDir("docs").resolve("index");
        copyTree(index.resolve("2"), index.resolve("text"));
        client = EmbeddedClient.open(lake);
        assertEquals("bm25", client.describeTable("docs").columns().getFirst().index());
        assertTrue(Files.isDirectory(index.resolve("text")), "kept: the column already has its field-id index");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("write.lock")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void tableAndWorkspaceNamesKeepTheirRules() {
        assertThrows(TableException.class, () -> client.ingest("../x", Map.of("a", List.of(1L))));
        ManagedServiceException ws = assertThrows(ManagedServiceException.class,
                () -> EmbeddedClient.open(lake, "local", "../other"));
        assertInstanceOf(Names.InvalidName.class, ws);
    }
}
