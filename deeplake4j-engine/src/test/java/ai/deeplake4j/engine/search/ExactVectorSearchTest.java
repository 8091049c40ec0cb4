package ai.deeplake4j.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.QueryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactVectorSearchTest {

    private static double bruteCosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * (double) b[i];
            na += a[i] * (double) a[i];
            nb += b[i] * (double) b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void exactTopKEqualsBruteForceCosine() {
        ClusteredVectors data = new ClusteredVectors(7, 20, 64, 0.3);
        List<VectorRow> rows = data.rows(2000);
        float[] q = data.next();
        List<Hit> hits = ExactVectorSearch.topK("embedding", q, rows, 10, null);

        List<Hit> brute = new ArrayList<>();
        for (VectorRow r : rows) {
            brute.add(new Hit(r.id(), bruteCosine(q, r.vector())));
        }
        brute.sort(Comparator.comparingDouble(Hit::score).reversed());
        assertEquals(10, hits.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(brute.get(i).id(), hits.get(i).id());
            assertEquals(brute.get(i).score(), hits.get(i).score(), 1e-5);
        }
    }

    @Test
    void filteredExactTopKReturnsKWheneverKRowsPass() {
        List<VectorRow> rows = new ClusteredVectors(3, 5, 8, 0.5).rows(500);
        List<Hit> hits = ExactVectorSearch.topK("e", rows.get(0).vector(), rows, 10, id -> id.endsWith("7"));
        assertEquals(10, hits.size());
        assertTrue(hits.stream().allMatch(h -> h.id().endsWith("7")));
    }

    @Test
    void maxSimSumsTheBestCosinePerQueryVector() {
        float[][] query = {{1, 0}, {0, 1}};
        float[][] doc = {{1, 1}, {1, 0}, {-1, 0}};
        // q1: best is {1,0} -> 1; q2: best is {1,1} -> 1/sqrt(2)
        assertEquals(1 + 1 / Math.sqrt(2), VectorMath.maxSim(query, doc), 1e-12);
        List<Hit> hits = ExactVectorSearch.topKMaxSim("m", query,
                List.of(new MatrixRow("a", doc), new MatrixRow("b", new float[][] {{0, -1}})), 2, null);
        assertEquals("a", hits.get(0).id());
        assertEquals(1 + 1 / Math.sqrt(2), hits.get(0).score(), 1e-12);
        assertEquals(-1, hits.get(1).score(), 1e-12);
    }

    @Test
    void wrongQueryDimensionNamesBothDimensions() {
        List<VectorRow> rows = List.of(new VectorRow("a", new float[384]));
        QueryException e = assertThrows(QueryException.class, () -> ExactVectorSearch.topK("embedding", new float[3], rows, 1, null));
        assertTrue(e.getMessage().contains("dimension 3") && e.getMessage().contains("dimension 384")
                && e.getMessage().contains("embedding"), e.getMessage());
    }
}
