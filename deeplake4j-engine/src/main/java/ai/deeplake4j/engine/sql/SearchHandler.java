package ai.deeplake4j.engine.sql;

import java.util.List;
import java.util.Map;

/**
 * Runs queries that use the search operators ({@code <#>}, {@code @>}); the search layer
 * provides it. Returns null for a query it does not handle, which then runs as usual.
 */
@FunctionalInterface
public interface SearchHandler {
    /** Handles nothing: used when no search layer is installed. */
    SearchHandler NONE = tokens -> null;

    /** The query's rows, or null when the query has no search operator. */
    List<Map<String, Object>> execute(List<Token> tokens);
}
