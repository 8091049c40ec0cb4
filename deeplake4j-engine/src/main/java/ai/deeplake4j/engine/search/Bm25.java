package ai.deeplake4j.engine.search;

/**
 * The BM25 ranking function (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25
 * and Beyond", 2009) in the form Apache Lucene computes it, so the exact route and the index route
 * give the same scores. For a query (a bag of analyzed terms, repeats counted) and a document:
 *
 * <pre>
 *   score = sum over query terms t of  idf(t) * f / (f + k1 * (1 - b + b * dl / avgdl))
 *   idf(t) = ln(1 + (N - n + 0.5) / (n + 0.5))
 * </pre>
 *
 * where f is the frequency of t in the document, dl the document's length in tokens, avgdl the
 * mean length over documents that have at least one token, N the number of such documents and n
 * the number containing t. As in Lucene (since 8.0) the constant factor (k1 + 1) of the textbook
 * numerator is left out; it does not change rankings.
 *
 * @param k1 term-frequency saturation, finite and >= 0 (default 1.2)
 * @param b  length normalization in [0, 1] (default 0.75)
 */
public record Bm25(double k1, double b) {

    /** k1 = 1.2, b = 0.75, as pg_deeplake and Lucene. */
    public static final Bm25 DEFAULT = new Bm25(1.2, 0.75);

    public Bm25 {
        if (!Double.isFinite(k1) || k1 < 0) {
            throw new IllegalArgumentException("BM25 k1 must be finite and >= 0, got " + k1);
        }
        if (Double.isNaN(b) || b < 0 || b > 1) {
            throw new IllegalArgumentException("BM25 b must be in [0, 1], got " + b);
        }
    }

    /**
     * Inverse document frequency.
     *
     * @param docCount documents with at least one token (N)
     * @param docFreq  documents containing the term (n)
     */
    public double idf(long docCount, long docFreq) {
        return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
    }

    /** The contribution of one query term occurring {@code freq} times in a document of length {@code dl}. */
    public double termScore(double idf, double freq, double dl, double avgdl) {
        if (freq <= 0) {
            return 0;
        }
        return idf * freq / (freq + k1 * (1 - b + b * dl / avgdl));
    }
}
