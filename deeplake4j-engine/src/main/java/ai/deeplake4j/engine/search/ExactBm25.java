package ai.deeplake4j.engine.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
     */
    public double[] scoreAll(String query, List<TextRow> rows) {
        List<String> queryTerms = tokenizer.terms(query);
        List<Map<String, Integer>> freqs = new ArrayList<>(rows.size());
        int[] lengths = new int[rows.size()];
        Map<String, Integer> docFreq = new HashMap<>();
        long docCount = 0;
        long totalLength = 0;
        for (int i = 0; i < rows.size(); i++) {
            List<String> terms = tokenizer.terms(rows.get(i).text());
            Map<String, Integer> f = new HashMap<>();
            for (String t : terms) {
                f.merge(t, 1, Integer::sum);
            }
            for (String t : f.keySet()) {
                docFreq.merge(t, 1, Integer::sum);
            }
            freqs.add(f);
            lengths[i] = terms.size();
            if (!terms.isEmpty()) {
                docCount++;
                totalLength += terms.size();
            }
        }
        double[] scores = new double[rows.size()];
        if (docCount == 0) {
            return scores;
        }
        double avgdl = (double) totalLength / docCount;
        for (int i = 0; i < rows.size(); i++) {
            double dl = lengthMode == LengthMode.LUCENE ? SmallFloat.byte4ToInt(SmallFloat.intToByte4(lengths[i])) : lengths[i];
            double s = 0;
            for (String t : queryTerms) {
                Integer f = freqs.get(i).get(t);
                if (f != null) {
                    s += bm25.termScore(bm25.idf(docCount, docFreq.get(t)), f, dl, avgdl);
                }
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
