package ai.deeplake4j.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.engine.index.vector.VectorIndex;
import ai.deeplake4j.engine.search.ClusteredVectors;
import ai.deeplake4j.engine.search.ExactVectorSearch;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.VectorRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance (issue 4): recall@10 >= 0.95 of the HNSW route against the exact route on 100,000 x 384
 * clustered vectors, without and with a 10% filter. The index is built once for the class.
 */
class VectorRecallTest {

    private static final int ROWS = 100_000;
    private static final int DIM = 384;
    private static final int QUERIES = 30;

    private static Path dir;
    private static List<VectorRow> rows;
    private static ClusteredVectors data;
    private static VectorIndex index;

    @BeforeAll
    static void build() throws Exception {
        dir = Files.createTempDirectory("recall");
        data = new ClusteredVectors(42, 100, DIM, 0.6);
        rows = data.rows(ROWS);
        index = VectorIndex.create(dir.resolve("embedding"), "embedding", IndexType.CLUSTERED, DIM);
        long t0 = System.nanoTime();
        index.add(rows, 2);
        index.commit(1);
        System.out.printf("built %d x %d in %.1f s%n", ROWS, DIM, (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void close() {
        index.close();
    }

    private static double recall(Set<String> filter) {
        double sum = 0;
        for (int i = 0; i < QUERIES; i++) {
            float[] q = data.next();
            List<Hit> exact = ExactVectorSearch.topK("embedding", q, rows, 10, filter == null ? null : filter::contains);
            List<Hit> approx = index.search(q, 10, filter);
            assertEquals(10, approx.size());
            Set<String> truth = new HashSet<>();
            exact.forEach(h -> truth.add(h.id()));
            sum += approx.stream().filter(h -> truth.contains(h.id())).count() / 10.0;
            if (filter != null) {
                assertTrue(approx.stream().allMatch(h -> filter.contains(h.id())));
            }
        }
        return sum / QUERIES;
    }

    @Test
    void recallAt10IsAtLeast095() {
        double r = recall(null);
        System.out.println("recall@10 = " + r);
        assertTrue(r >= 0.95, "recall@10 = " + r);
    }

    @Test
    void recallAt10WithA10PercentFilterIsAtLeast095() {
        Random random = new Random(9);
        Set<String> filter = new HashSet<>();
        for (VectorRow row : rows) {
            if (random.nextInt(10) == 0) {
                filter.add(row.id());
            }
        }
        double r = recall(filter);
        System.out.println("filtered recall@10 = " + r);
        assertTrue(r >= 0.95, "filtered recall@10 = " + r);
    }
}
