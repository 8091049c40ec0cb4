package ai.deeplake4j.engine.index.text;

import ai.deeplake4j.engine.index.IndexType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzer of each text index type, shared by the index and the exact BM25 route so both see
 * the same terms: {@code bm25} English (standard tokenizer, possessives, lower case, English stop
 * words, Porter stemming), {@code inverted} standard (lower-cased words, no stop words, no
 * stemming), {@code exact_text} keyword (the whole value is one term).
 */
public final class TextAnalyzers {
    private TextAnalyzers() {
    }

    /** A new analyzer for a text index type (analyzers are thread-safe and reusable). */
    public static Analyzer forType(IndexType type) {
        return switch (type) {
            case BM25 -> new EnglishAnalyzer();
            case INVERTED -> new StandardAnalyzer();
            case EXACT_TEXT -> new KeywordAnalyzer();
            default -> throw new IllegalArgumentException("Not a text index type: " + type);
        };
    }

    /** The terms {@code analyzer} makes of {@code text}, in order, repeats kept. */
    public static List<String> terms(Analyzer analyzer, String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text == null ? "" : text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot analyze text", e);
        }
        return out;
    }
}
