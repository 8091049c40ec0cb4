package ai.deeplake4j.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableIndexesTest {

    /** Iceberg field ids of the test table's columns, as Lake.create assigns them after _id. */
    private static final Map<String, Integer> COLUMNS = Map.of("text", 2, "embedding", 3, "tokens", 4, "n", 5);

    @TempDir
    Path dir;

    private static final ColumnType TEXT = ColumnType.of(TypeKind.TEXT);
    private static final ColumnType EMB = ColumnType.embedding(8);

    @Test
    void defaultsAreBm25ClusteredAndPooledQuantized() {
        try (TableIndexes idx = new TableIndexes("docs", dir, COLUMNS)) {
            assertEquals(IndexType.BM25, idx.create("text", TEXT, null, 0, false).metadata().type());
            assertEquals(IndexType.CLUSTERED, idx.create("embedding", EMB, null, 8, false).metadata().type());
            assertEquals(IndexType.POOLED_QUANTIZED, idx.create("tokens", ColumnType.of(TypeKind.EMBEDDING_2D), null, 8, false).metadata().type());
            assertEquals(3, idx.list().size());
            assertTrue(dir.resolve("index/3").toFile().isDirectory());
        }
        try (TableIndexes reopened = new TableIndexes("docs", dir, COLUMNS)) {
            assertEquals(IndexType.BM25, reopened.typeOf("text"));
            assertEquals(8, reopened.get("embedding").metadata().dimension());
        }
    }

    @Test
    void unknownIndexTypeIsAClearError() {
        try (TableIndexes idx = new TableIndexes("docs", dir, COLUMNS)) {
            TableException e = assertThrows(TableException.class, () -> idx.create("text", TEXT, "hnsw", 0, false));
            assertTrue(e.getMessage().contains("Unknown index type: 'hnsw'") && e.getMessage().contains("bm25"), e.getMessage());
            e = assertThrows(TableException.class, () -> idx.create("text", TEXT, "clustered", 0, false));
            assertTrue(e.getMessage().contains("does not apply to column text") && e.getMessage().contains("bm25, inverted, exact_text"), e.getMessage());
            e = assertThrows(TableException.class, () -> idx.create("n", ColumnType.of(TypeKind.INT64), null, 0, false));
            assertTrue(e.getMessage().contains("cannot have a search index"), e.getMessage());
        }
    }

    @Test
    void oneIndexPerColumnAndAConflictingTypeIsAClearError() {
        try (TableIndexes idx = new TableIndexes("docs", dir, COLUMNS)) {
            SearchIndex first = idx.create("embedding", EMB, "clustered", 8, false);
            TableException e = assertThrows(TableException.class, () -> idx.create("embedding", EMB, "clustered_quantized", 8, true));
            assertTrue(e.getMessage().contains("already has a clustered index") && e.getMessage().contains("dropIndex"), e.getMessage());
            assertThrows(TableException.class, () -> idx.create("embedding", EMB, "clustered", 8, false));
            assertSame(first, idx.create("embedding", EMB, null, 8, true));
            idx.drop("embedding", false);
            assertNull(idx.typeOf("embedding"));
            assertEquals(IndexType.CLUSTERED_QUANTIZED, idx.create("embedding", EMB, "clustered_quantized", 8, false).metadata().type());
            assertThrows(TableException.class, () -> idx.drop("text", false));
        }
    }
}
