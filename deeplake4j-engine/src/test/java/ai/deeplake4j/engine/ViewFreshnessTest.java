package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.engine.lake.Lake;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every statement sees every commit that completed before it, whichever client or process made
 * it, although a statement re-reads a table from the catalog only when the catalog changed
 * ({@link Lake#catalogVersion()}).
 */
class ViewFreshnessTest {
    @TempDir
    Path dir;
    EmbeddedClient writer;
    EmbeddedClient reader;

    @BeforeEach
    void open() {
        writer = EmbeddedClient.open(dir);
        writer.ingest("items", Map.of("id", List.of(1L, 2L, 3L)));
        reader = EmbeddedClient.open(dir); // its own Lake: its own catalog connections, as another process has
    }

    @AfterEach
    void close() {
        reader.close();
        writer.close();
    }

    private static long count(EmbeddedClient client, String table) {
        return ((Number) client.query("SELECT count(*) AS n FROM " + table).getFirst().get("n")).longValue();
    }

    @Test
    void catalogVersionStaysWithoutCommitsAndGrowsAfterEachCommit() {
        try (Lake a = Lake.open(dir); Lake b = Lake.open(dir)) {
            long v = a.catalogVersion();
            assertEquals(v, a.catalogVersion(), "nothing committed");
            assertEquals(3, count(reader, "items"));
            assertEquals(v, a.catalogVersion(), "a query commits nothing");

            writer.query("INSERT INTO items (id) VALUES (4)");
            long afterOther = a.catalogVersion();
            assertTrue(afterOther > v, "a commit through another lake: " + v + " -> " + afterOther);

            long beforeOwn = b.catalogVersion();
            b.create(Lake.namespace("local", "default"), "made_by_b", ai.deeplake4j.ingest.write.TableSchema.of(
                    Map.of("x", ai.deeplake4j.api.schema.ColumnType.parse("INT64"))));
            assertTrue(b.catalogVersion() > beforeOwn, "a commit through the same lake counts too");
            assertTrue(a.catalogVersion() > afterOther);
        }
    }

    @Test
    void warmViewSeesEachCommitOfAnotherClient() {
        assertEquals(3, count(reader, "items"));
        for (int i = 0; i < 5; i++) {
            writer.query("INSERT INTO items (id) VALUES ($1)", 100L + i);
            assertEquals(4 + i, count(reader, "items"), "after insert " + i);
            assertEquals(4 + i, count(reader, "items"), "and again without a commit in between");
        }
        writer.ingest("items", Map.of("id", List.of(7L, 8L)));
        assertEquals(10, count(reader, "items"), "an ingest commit");
        writer.query("DELETE FROM items WHERE id >= 100");
        assertEquals(5, count(reader, "items"), "a copy-on-write delete");
    }

    @Test
    void warmViewSeesTheCommitsOfAnotherProcess() throws Exception {
        assertEquals(3, count(reader, "items"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                InsertRows.class.getName(), dir.toString(), "items", "1000", "3")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child finished");
        assertEquals(0, child.exitValue());
        assertEquals(6, count(reader, "items"));
        assertEquals(List.of(1000L, 1001L, 1002L), reader.query("SELECT id FROM items WHERE id >= 1000 ORDER BY id").stream()
                .map(r -> r.get("id")).toList());
    }

    @Test
    void tableDroppedOrRecreatedByAnotherClientIsSeenByTheNextStatement() {
        assertEquals(3, count(reader, "items"));
        writer.dropTable("items", false);
        writer.query("CREATE TABLE items (label TEXT)");
        writer.query("INSERT INTO items (label) VALUES ('new')");
        assertEquals(List.of(Map.of("label", "new")), reader.query("SELECT * FROM items"), "the new table, with its own columns");

        writer.dropTable("items", false);
        TableException gone = assertThrows(TableException.class, () -> reader.query("SELECT * FROM items"));
        assertTrue(gone.getMessage().contains("Table not found: items"), gone.getMessage());
    }
}
