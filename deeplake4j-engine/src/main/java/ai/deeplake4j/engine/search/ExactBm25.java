package ai.deeplake4j.engine.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.lucene.util.SmallFloat;

/**
 * BM25 computed over a list of texts without an index (the exact route), with the same formula,
 * statistics and tokenization as the Lucene text index ({@link Bm25}). Statistics (N, n, avgdl) are
 * over all rows given, whatever the filter, as an index computes them over all indexed rows.
 *
 * <p>Lucene stores a document's length in one byte ({@link SmallFloat#intToByte4}), exact below 40
 * tokens and within about 6% above. {@link LengthMode#LUCENE} reproduces that rounding so this
 * scorer agrees with the index to float precision; {@link LengthMode#EXACT} uses the true length.
 */
public final class ExactBm25 {

    /** How document lengths enter the formula. */
    public enum LengthMode {
        /** The true token count. */
        EXACT,
        /** The token count rounded as Lucene's norms store it (the default: agrees with the index). */
        LUCENE
    }

    private final Bm25 bm25;
    private final Tokenizer tokenizer;
    private final LengthMode lengthMode;

    /** Splits a text into analyzed terms, e.g. an English Lucene analyzer. */
    @FunctionalInterface
    public interface Tokenizer {
        List<String> terms(String text);
    }

    /**
     * @param bm25       parameters, e.g. {@link Bm25#DEFAULT}
     * @param tokenizer  the analyzer the index would use for this column
     * @param lengthMode see {@link LengthMode}
     */
    public ExactBm25(Bm25 bm25, Tokenizer tokenizer, LengthMode lengthMode) {
        this.bm25 = bm25;
        this.tokenizer = tokenizer;
        this.lengthMode = lengthMode;
    }

    /**
     * The BM25 score of every row for {@code query}, in row order (0 for rows sharing no term).
     * One pass over the rows (analyzed in parallel) keeps only each row's length and its counts of
     * the query's terms, so memory stays O(rows) whatever the vocabulary.
     */
    public double[] scoreAll(String query, List<TextRow> rows) {
        List<String> queryTerms = tokenizer.terms(query);
        Map<String, Integer> slot = new HashMap<>();
        for (String t : queryTerms) {
            slot.putIfAbsent(t, slot.size());
        }
        int n = rows.size();
        int[] lengths = new int[n];
        int[][] counts = new int[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            List<String> terms = tokenizer.terms(rows.get(i).text());
            lengths[i] = terms.size();
            int[] c = null;
            for (String t : terms) {
                Integer j = slot.get(t);
                if (j != null) {
                    if (c == null) {
                        c = new int[slot.size()];
                    }
                    c[j]++;
                }
            }
            counts[i] = c;
        });
        long docCount = 0;
        long totalLength = 0;
        long[] docFreq = new long[slot.size()];
        for (int i = 0; i < n; i++) {
            if (lengths[i] > 0) {
                docCount++;
                totalLength += lengths[i];
            }
            if (counts[i] != null) {
                for (int j = 0; j < docFreq.length; j++) {
                    docFreq[j] += counts[i][j] > 0 ? 1 : 0;
                }
            }
        }
        double[] scores = new double[n];
        if (docCount == 0) {
            return scores;
        }
        double avgdl = (double) totalLength / docCount;
        double[] idf = new double[docFreq.length];
        for (int j = 0; j < idf.length; j++) {
            idf[j] = bm25.idf(docCount, docFreq[j]);
        }
        for (int i = 0; i < n; i++) {
            if (counts[i] == null) {
                continue;
            }
            double dl = lengthMode == LengthMode.LUCENE ? SmallFloat.byte4ToInt(SmallFloat.intToByte4(lengths[i])) : lengths[i];
            double s = 0;
            for (String t : queryTerms) {
                int j = slot.get(t);
                s += bm25.termScore(idf[j], counts[i][j], dl, avgdl);
            }
            scores[i] = s;
        }
        return scores;
    }

    /**
     * The {@code k} best-scoring rows with a score above 0, best first.
     *
     * @param filter keeps a row when true (pre-filter); null keeps all
     */
    public List<Hit> topK(String query, List<TextRow> rows, int k, Predicate<String> filter) {
        double[] scores = scoreAll(query, rows);
        TopHits top = new TopHits(k);
        for (int i = 0; i < rows.size(); i++) {
            if (scores[i] > 0 && (filter == null || filter.test(rows.get(i).id()))) {
                top.offer(rows.get(i).id(), scores[i]);
            }
        }
        return top.toList();
    }
}
