package ai.deeplake4j.engine.search.fusion;

import ai.deeplake4j.engine.search.Hit;
import java.util.List;

/**
 * One ranked list entering a fusion (e.g. the vector arm or the BM25 arm of a hybrid query).
 *
 * @param name   a label for EXPLAIN ("vector", "bm25")
 * @param hits   the arm's hits, best first (a fusion uses its first k)
 * @param weight the arm's weight, finite and >= 0 (pg_deeplake default 0.5)
 */
public record Arm(String name, List<Hit> hits, double weight) {
    public Arm {
        hits = List.copyOf(hits);
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("Weight of the " + name + " arm must be finite and >= 0, got " + weight);
        }
    }
}
