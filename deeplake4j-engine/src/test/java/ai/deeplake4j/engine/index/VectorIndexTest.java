package ai.deeplake4j.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.engine.index.matrix.MatrixIndex;
import ai.deeplake4j.engine.index.vector.VectorIndex;
import ai.deeplake4j.engine.search.ClusteredVectors;
import ai.deeplake4j.engine.search.ExactVectorSearch;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.MatrixRow;
import ai.deeplake4j.engine.search.VectorRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorIndexTest {

    @TempDir
    Path dir;

    private final ClusteredVectors data = new ClusteredVectors(5, 10, 32, 0.4);

    @Test
    void indexPersistsReopensAndRecordsItsSnapshot() {
        List<VectorRow> rows = data.rows(1000);
        float[] q = data.next();
        List<Hit> before;
        try (VectorIndex index = VectorIndex.create(dir.resolve("e"), "embedding", IndexType.CLUSTERED, 32)) {
            index.add(rows);
            index.commit(42);
            before = index.search(q, 5, null);
        }
        try (VectorIndex index = VectorIndex.open(dir.resolve("e"))) {
            assertEquals(42, index.metadata().snapshotId());
            assertEquals(IndexType.CLUSTERED, index.metadata().type());
            assertEquals(1000, index.size());
            assertEquals(before, index.search(q, 5, null));
        }
    }

    @Test
    void scoresAreExactCosineAlsoWhenQuantized() {
        List<VectorRow> rows = data.rows(2000);
        for (IndexType type : List.of(IndexType.CLUSTERED, IndexType.CLUSTERED_QUANTIZED)) {
            try (VectorIndex index = VectorIndex.create(dir.resolve(type.sqlName()), "embedding", type, 32)) {
                index.add(rows);
                index.commit(1);
                float[] q = data.next();
                List<Hit> exact = ExactVectorSearch.topK("embedding", q, rows, 10, null);
                List<Hit> approx = index.search(q, 10, null);
                assertEquals(exact.get(0).id(), approx.get(0).id(), type.sqlName());
                for (Hit h : approx) {
                    float[] v = rows.get(Integer.parseInt(h.id().substring(1))).vector();
                    assertEquals(ai.deeplake4j.engine.search.VectorMath.cosine(q, v), h.score(), 1e-5);
                }
            }
        }
    }

    @Test
    void deletesAndIncrementalAddsAreSearched() {
        List<VectorRow> rows = data.rows(500);
        try (VectorIndex index = VectorIndex.create(dir.resolve("e"), "embedding", IndexType.CLUSTERED, 32)) {
            index.add(rows.subList(0, 400));
            index.commit(1);
            float[] q = rows.get(450).vector();
            index.add(rows.subList(400, 500));
            index.delete(List.of(rows.get(7).id()));
            index.commit(2);
            assertEquals(499, index.size());
            assertEquals(rows.get(450).id(), index.search(q, 1, null).get(0).id());
            assertTrue(index.search(rows.get(7).vector(), 10, null).stream().noneMatch(h -> h.id().equals(rows.get(7).id())));
        }
    }

    @Test
    void filteredSearchReturnsKWheneverKRowsMatch() {
        List<VectorRow> rows = data.rows(3000);
        Set<String> allowed = new HashSet<>();
        Random r = new Random(1);
        for (VectorRow row : rows) {
            if (r.nextInt(100) < 2) {
                allowed.add(row.id());
            }
        }
        try (VectorIndex index = VectorIndex.create(dir.resolve("e"), "embedding", IndexType.CLUSTERED, 32)) {
            index.add(rows);
            index.commit(1);
            float[] q = data.next();
            List<Hit> hits = index.search(q, 10, allowed);
            assertEquals(10, hits.size());
            assertTrue(hits.stream().allMatch(h -> allowed.contains(h.id())));
            List<Hit> exact = ExactVectorSearch.topK("e", q, rows, 10, allowed::contains);
            for (int i = 0; i < 10; i++) {
                assertEquals(exact.get(i).id(), hits.get(i).id());
                assertEquals(exact.get(i).score(), hits.get(i).score(), 1e-5);
            }
            assertEquals(List.of(), index.search(q, 10, Set.of()));
        }
    }

    @Test
    void uuidIdsArePreFilteredThroughTheDocumentMapWithExclusions() {
        List<VectorRow> rows = new ArrayList<>();
        Random r = new Random(2);
        for (VectorRow row : data.rows(3000)) {
            rows.add(new VectorRow(new java.util.UUID(r.nextLong(), r.nextLong()).toString(), row.vector()));
        }
        Set<String> allowed = new HashSet<>();
        for (int i = 0; i < rows.size(); i += 40) {
            allowed.add(rows.get(i).id());
        }
        allowed.add("not-a-uuid");
        float[] q = data.next();
        List<Hit> exact = ExactVectorSearch.topK("e", q, rows, 11, allowed::contains);
        Set<String> excluded = Set.of(exact.getFirst().id());
        try (VectorIndex index = VectorIndex.create(dir.resolve("e"), "embedding", IndexType.CLUSTERED, 32)) {
            index.add(rows);
            index.commit(1);
            List<Hit> hits = index.search(q, 10, allowed, excluded);
            assertEquals(exact.subList(1, 11).stream().map(Hit::id).toList(), hits.stream().map(Hit::id).toList());
            List<Hit> unfiltered = index.search(q, 10, null, excluded);
            assertTrue(unfiltered.stream().noneMatch(h -> excluded.contains(h.id())));
            assertEquals(10, unfiltered.size());
        }
    }

    @Test
    void wrongQueryDimensionNamesBothDimensions() {
        try (VectorIndex index = VectorIndex.create(dir.resolve("e"), "embedding", IndexType.CLUSTERED, 32)) {
            QueryException e = assertThrows(QueryException.class, () -> index.search(new float[3], 10, null));
            assertTrue(e.getMessage().contains("3") && e.getMessage().contains("32"), e.getMessage());
        }
    }

    @Test
    void pooledIndexRanksByExactMaxSim() {
        Random r = new Random(3);
        List<MatrixRow> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float[][] m = new float[2 + r.nextInt(4)][];
            for (int j = 0; j < m.length; j++) {
                m[j] = data.next();
            }
            rows.add(new MatrixRow("m" + i, m));
        }
        float[][] q = {rows.get(17).matrix()[0], rows.get(17).matrix()[1]};
        try (MatrixIndex index = MatrixIndex.create(dir.resolve("m"), "tokens", 32)) {
            index.add(rows);
            index.commit(3);
            List<Hit> hits = index.search(q, 5, null);
            List<Hit> exact = ExactVectorSearch.topKMaxSim("tokens", q, rows, 5, null);
            assertEquals("m17", hits.get(0).id());
            assertEquals(exact.get(0).score(), hits.get(0).score(), 1e-9);
        }
        try (MatrixIndex index = MatrixIndex.open(dir.resolve("m"))) {
            assertEquals(3, index.metadata().snapshotId());
        }
    }
}
