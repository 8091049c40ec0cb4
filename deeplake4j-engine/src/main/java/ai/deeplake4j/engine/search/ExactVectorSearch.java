package ai.deeplake4j.engine.search;

import ai.deeplake4j.api.error.QueryException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Brute-force cosine top-k: the reference the HNSW route is measured against, and the route for
 * rows an index does not cover yet. Cost O(n d) per query.
 */
public final class ExactVectorSearch {
    private ExactVectorSearch() {
    }

    /**
     * The {@code k} rows most cosine-similar to {@code query}, best first.
     *
     * @param column column name, for error messages
     * @param filter keeps a row when true (a pre-filter: k hits whenever k rows pass); null keeps all
     * @throws QueryException naming both dimensions when a row's vector and the query differ in length
     */
    public static List<Hit> topK(String column, float[] query, Iterable<VectorRow> rows, int k, Predicate<String> filter) {
        TopHits top = new TopHits(k);
        for (VectorRow row : rows) {
            if (filter != null && !filter.test(row.id())) {
                continue;
            }
            checkDimension(column, query.length, row.vector().length);
            top.offer(row.id(), VectorMath.cosine(query, row.vector()));
        }
        return top.toList();
    }

    /** The {@code k} rows with the highest MaxSim to the query matrix, best first (see {@link VectorMath#maxSim}). */
    public static List<Hit> topKMaxSim(String column, float[][] query, Iterable<MatrixRow> rows, int k, Predicate<String> filter) {
        TopHits top = new TopHits(k);
        for (MatrixRow row : rows) {
            if (filter != null && !filter.test(row.id())) {
                continue;
            }
            if (query.length > 0 && row.matrix().length > 0) {
                checkDimension(column, query[0].length, row.matrix()[0].length);
            }
            top.offer(row.id(), VectorMath.maxSim(query, row.matrix()));
        }
        return top.toList();
    }

    /**
     * @throws QueryException "Query vector has dimension 3 but column embedding has dimension 384."
     */
    public static void checkDimension(String column, int queryDimension, int columnDimension) {
        if (queryDimension != columnDimension) {
            throw new QueryException("Query vector has dimension " + queryDimension + " but column " + column
                    + " has dimension " + columnDimension + ". Pass a vector of " + columnDimension + " numbers.");
        }
    }
}
