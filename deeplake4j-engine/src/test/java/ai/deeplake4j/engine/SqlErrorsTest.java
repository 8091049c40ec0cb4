package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.InternalException;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.QueryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, point 8: DuckDB errors are classified once at the engine's boundary (the statement's
 * fault: {@link QueryException}; the engine's: {@link InternalException}) and messages about the
 * statement name tables, never the lake's files or internal staging tables.
 */
class SqlErrorsTest {
    @TempDir
    Path lake;
    EmbeddedClient client;

    @BeforeEach
    void open() {
        client = EmbeddedClient.open(lake);
        client.ingest("items", Map.of("id", List.of(1, 2, 3), "name", List.of("a", "b", "c")));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aTimeValueJavaCannotHoldIsAQueryErrorNamingTheColumn() {
        QueryException e = assertThrows(QueryException.class, () -> client.query("SELECT '24:00:00'::TIME AS t"));
        assertTrue(e.getMessage().contains("Column 't' (TIME)") && e.getMessage().contains("::TEXT"), e.getMessage());
        QueryException all = assertThrows(QueryException.class, () -> client.query("SELECT * FROM test_all_types()"));
        assertTrue(all.getMessage().contains("Column 'time'"), all.getMessage());
        assertEquals("24:00:00", client.query("SELECT '24:00:00'::TIME::TEXT AS t").get(0).get("t"), "the advice works");
        assertEquals(3L, ((Number) client.query("SELECT count(*) AS n FROM items").get(0).get("n")).longValue(),
                "the engine still answers after such an error");
    }

    @Test
    void errorsOfGeneratedSqlNameTheTableNotItsFilesOrStaging() {
        for (String sql : List.of("UPDATE items SET id = 'x'", "UPDATE items SET id = 2 WHERE nope = 1",
                "DELETE FROM items WHERE id = 'abc'", "INSERT INTO items (id) VALUES ('x')")) {
            QueryException e = assertThrows(QueryException.class, () -> client.query(sql), sql);
            String m = e.getMessage();
            assertTrue(m.contains("items"), sql + ": " + m);
            assertFalse(m.contains(lake.toString()) || m.contains(".parquet") || m.contains("dl_staging") || m.contains("read_parquet"),
                    sql + ": " + m);
        }
    }

    @Test
    void aMissingDataFileIsAnInternalErrorNamingTheTable() throws Exception {
        try (Stream<Path> files = Files.walk(lake.resolve("warehouse"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                Files.delete(p);
            }
        }
        ManagedServiceException e = assertThrows(ManagedServiceException.class, () -> client.query("SELECT * FROM items"));
        assertTrue(e instanceof InternalException, e.getClass() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("table 'items'"), e.getMessage());
    }
}
