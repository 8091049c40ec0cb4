package ai.deeplake4j.engine.search.exec;

import static ai.deeplake4j.engine.search.exec.InMemoryTable.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.engine.index.IndexType;
import ai.deeplake4j.engine.index.TableIndexes;
import ai.deeplake4j.engine.search.ClusteredVectors;
import ai.deeplake4j.engine.search.ExactVectorSearch;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.VectorRow;
import ai.deeplake4j.engine.search.fusion.Arm;
import ai.deeplake4j.engine.search.fusion.SoftmaxFusion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchExecutorTest {

    /** Iceberg field ids of the test table's columns, as Lake.create assigns them after _id. */
    private static final Map<String, Integer> COLUMNS = Map.of("embedding", 2, "text", 3, "n", 4, "tokens", 5);

    @TempDir
    Path dir;

    private final ClusteredVectors data = new ClusteredVectors(1, 5, 16, 0.5);
    private final SearchExecutor executor = new SearchExecutor(new IndexMaintenance(1));
    private final IndexMaintenance maintenance = new IndexMaintenance(1);

    private InMemoryTable table(int n) {
        InMemoryTable t = new InMemoryTable(Map.of("embedding", ColumnType.embedding(16), "text", ColumnType.of(TypeKind.TEXT),
                "n", ColumnType.of(TypeKind.INT64)));
        String[] words = {"lake", "river", "stone", "forest", "cloud"};
        for (int i = 0; i < n; i++) {
            t.put("id" + i, row("embedding", data.next(), "text", words[i % 5] + " " + words[(i * 7) % 5] + " water", "n", (long) i));
        }
        t.commit();
        return t;
    }

    private static List<VectorRow> vectors(InMemoryTable t) {
        List<VectorRow> out = new ArrayList<>();
        t.rows("embedding").forEach(r -> out.add(new VectorRow(r.id(), (float[]) r.value())));
        return out;
    }

    @Test
    void indexRouteFindsRowsCommittedAfterTheIndexAndSkipsDeletedOnes() {
        InMemoryTable t = table(300);
        try (TableIndexes indexes = new TableIndexes("docs", dir, COLUMNS)) {
            maintenance.create(t, indexes, "embedding", null, false);
            float[] q = data.next();
            t.put("fresh", row("embedding", q.clone(), "text", "new"));
            String best = executor.vector(t, indexes, "embedding", q, 1, null).hits().get(0).id();
            t.remove(best);
            t.commit();
            SearchResult r = executor.vector(t, indexes, "embedding", q, 5, null);
            assertEquals("fresh", r.hits().get(0).id());
            assertEquals(1.0, r.hits().get(0).score(), 1e-6);
            assertTrue(r.hits().stream().noneMatch(h -> h.id().equals(best)));
            assertTrue(r.route().contains("exact over 1 rows committed since"), r.route());
            List<Hit> exact = ExactVectorSearch.topK("embedding", q, vectors(t), 5, null);
            assertEquals(exact.stream().map(Hit::id).toList(), r.hits().stream().map(Hit::id).toList());

            maintenance.sync(t, indexes.get("embedding"));
            assertEquals(t.snapshotId(), indexes.get("embedding").metadata().snapshotId());
            assertEquals(300, indexes.get("embedding").size());
        }
    }

    @Test
    void exactRouteWithoutIndexSaysSo() {
        InMemoryTable t = table(100);
        try (TableIndexes indexes = new TableIndexes("docs", dir, COLUMNS)) {
            float[] q = data.next();
            SearchResult r = executor.vector(t, indexes, "embedding", q, 3, Set.of("id1", "id2", "id3", "id4"));
            assertEquals(3, r.hits().size());
            assertTrue(r.route().startsWith("exact cosine scan"), r.route());
            SearchResult text = executor.text(t, indexes, "text", "lake", 10, null);
            assertTrue(text.route().startsWith("exact BM25"), text.route());
            assertEquals(20, executor.text(t, indexes, "text", "lake", 100, null).hits().size()); // rows with i % 5 == 0
        }
    }

    @Test
    void textIndexFollowsCommitsAndAgreesWithTheExactRoute() {
        InMemoryTable t = table(100);
        try (TableIndexes indexes = new TableIndexes("docs", dir, COLUMNS)) {
            List<Hit> exactBefore = executor.text(t, indexes, "text", "stone river", 10, null).hits();
            maintenance.create(t, indexes, "text", "bm25", false);
            List<Hit> viaIndex = executor.text(t, indexes, "text", "stone river", 10, null).hits();
            for (int i = 0; i < exactBefore.size(); i++) {
                assertEquals(exactBefore.get(i).score(), viaIndex.get(i).score(), 1e-5);
            }
            t.put("new", row("text", "stone stone river"));
            t.commit();
            SearchResult r = executor.text(t, indexes, "text", "stone river", 1, null);
            assertEquals("new", r.hits().get(0).id());
            assertTrue(r.route().contains("rows synced"), r.route());
        }
    }

    @Test
    void hybridFusesTheTwoArms() {
        InMemoryTable t = table(200);
        try (TableIndexes indexes = new TableIndexes("docs", dir, COLUMNS)) {
            float[] q = data.next();
            SearchResult r = executor.hybrid(t, indexes, "embedding", "text", q, "forest", 0.7, 0.3, 10, null, new SoftmaxFusion());
            List<Hit> v = executor.vector(t, indexes, "embedding", q, 10, null).hits();
            List<Hit> x = executor.text(t, indexes, "text", "forest", 10, null).hits();
            assertEquals(new SoftmaxFusion().fuse(List.of(new Arm("v", v, 0.7), new Arm("t", x, 0.3)), 10), r.hits());
        }
    }

    @Test
    void searchOnTheWrongColumnTypeIsAClearError() {
        InMemoryTable t = table(10);
        try (TableIndexes indexes = new TableIndexes("docs", dir, COLUMNS)) {
            QueryException e = assertThrows(QueryException.class, () -> executor.vector(t, indexes, "n", new float[16], 1, null));
            assertTrue(e.getMessage().contains("n is INT64"), e.getMessage());
            assertEquals(IndexType.CLUSTERED, maintenance.create(t, indexes, "embedding", null, false).metadata().type());
        }
    }
}
