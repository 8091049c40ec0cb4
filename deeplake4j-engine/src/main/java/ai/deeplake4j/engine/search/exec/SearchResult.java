package ai.deeplake4j.engine.search.exec;

import ai.deeplake4j.engine.search.Hit;
import java.util.List;

/**
 * Hits of one {@code <#>} search and how they were found, for {@code EXPLAIN}.
 *
 * @param hits  the hits, best first
 * @param route a human-readable description, e.g.
 *              {@code "index clustered on embedding (HNSW, 64 candidates, snapshot 12) + exact over 3 rows committed since"}
 */
public record SearchResult(List<Hit> hits, String route) {
    public SearchResult {
        hits = List.copyOf(hits);
    }
}
