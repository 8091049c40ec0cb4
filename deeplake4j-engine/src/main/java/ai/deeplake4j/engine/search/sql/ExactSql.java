package ai.deeplake4j.engine.search.sql;

/**
 * SQL for the exact vector routes, computed by DuckDB built-ins (its Java UDFs cannot take lists):
 * cosine similarity with {@code list_cosine_similarity}, and MaxSim as the sum over query rows of
 * the best cosine over document rows, with nested lambdas.
 */
public final class ExactSql {
    private ExactSql() {
    }

    /** A vector literal DuckDB reads as {@code FLOAT[]}, e.g. {@code [0.1,0.2]::FLOAT[]}. */
    public static String vector(float[] v) {
        StringBuilder sb = new StringBuilder(v.length * 10).append('[');
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        return sb.append("]::FLOAT[]").toString();
    }

    /** A matrix literal DuckDB reads as {@code FLOAT[][]}. */
    public static String matrix(float[][] m) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) {
            String row = vector(m[i]);
            sb.append(i == 0 ? "" : ",").append(row, 0, row.length() - "::FLOAT[]".length());
        }
        return sb.append("]::FLOAT[][]").toString();
    }

    /** Cosine similarity of a vector column expression and a query vector. */
    public static String cosine(String column, float[] query) {
        return "list_cosine_similarity(" + column + ", " + vector(query) + ")";
    }

    /**
     * MaxSim of a 2-D column expression and a query matrix: for each query row the best cosine over
     * the document's rows, summed; NULL for an empty document, as an empty max.
     */
    public static String maxSim(String column, float[][] query) {
        return "list_sum(list_transform(" + matrix(query) + ", __dl_q -> list_max(list_transform(" + column
                + ", __dl_d -> list_cosine_similarity(__dl_q, __dl_d)))))";
    }
}
