package ai.deeplake4j.engine.search;

import java.util.Comparator;
import java.util.Objects;

/**
 * One search result: a row's hidden {@code _id} and its score. Higher scores rank first for every
 * search kind (cosine similarity, MaxSim, BM25, fused scores).
 *
 * @param id    the row's {@code _id} (UUIDv7 text), never null
 * @param score the score; its scale depends on the search kind
 */
public record Hit(String id, double score) {

    /** Best first: score descending, then id ascending so equal scores have a stable order. */
    public static final Comparator<Hit> BEST_FIRST =
            Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::id);

    public Hit {
        Objects.requireNonNull(id, "id");
    }
}
