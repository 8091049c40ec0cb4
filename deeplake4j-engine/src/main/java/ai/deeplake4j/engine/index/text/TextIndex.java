package ai.deeplake4j.engine.index.text;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.engine.index.IndexMetadata;
import ai.deeplake4j.engine.index.IndexType;
import ai.deeplake4j.engine.index.LuceneIndex;
import ai.deeplake4j.engine.index.LuceneStore;
import ai.deeplake4j.engine.index.SearchIndex;
import ai.deeplake4j.engine.search.Bm25;
import ai.deeplake4j.engine.search.ExactBm25;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.TextRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * A BM25 index over a TEXT column (index types {@code bm25}, {@code inverted}, {@code exact_text};
 * analyzers in {@link TextAnalyzers}). Scores follow {@link Bm25} with k1 1.2 and b 0.75 and equal
 * those of {@link #exactScorer()} over the same rows. The query text is analyzed like the column
 * and each of its terms (repeats counted) adds its BM25 contribution; rows sharing no term with
 * the query are not hits. A filter is a set of row ids applied before ranking (pre-filter).
 *
 * <p>Collection statistics (N, n, avgdl) count deleted rows until Lucene merges them away, so scores
 * may drift slightly after deletes; rankings of live rows stay consistent. Thread-safe.
 */
public final class TextIndex extends LuceneIndex {

    /** The text field. */
    static final String TEXT_FIELD = "t";
    /** Longest value indexed whole by {@code exact_text} (Lucene terms are at most 32766 bytes). */
    static final int MAX_EXACT_CHARS = 8000;

    private final Analyzer analyzer;

    private TextIndex(LuceneStore store, Analyzer analyzer) {
        super(store);
        this.analyzer = analyzer;
    }

    /** The BM25 similarity of every text index: k1 1.2, b 0.75. */
    static BM25Similarity similarity() {
        return new BM25Similarity((float) Bm25.DEFAULT.k1(), (float) Bm25.DEFAULT.b());
    }

    /**
     * Creates an empty index.
     *
     * @throws TableException when the type is not a text type or the directory holds an index
     */
    public static TextIndex create(Path dir, String column, IndexType type) {
        if (!type.isText()) {
            throw new TableException("Index type " + type + " is not a text index type. Use " + IndexType.namesFor(type.columnKind()) + ".");
        }
        Analyzer analyzer = TextAnalyzers.forType(type);
        IndexMetadata md = new IndexMetadata(column, type, 0, -1);
        return new TextIndex(LuceneStore.create(dir, md, new Lucene104Codec(), analyzer, similarity()), analyzer);
    }

    /** Opens an index created by {@link #create}. */
    public static TextIndex open(Path dir) {
        IndexMetadata md = LuceneStore.readMetadata(dir);
        Analyzer analyzer = TextAnalyzers.forType(md.type());
        return new TextIndex(LuceneStore.open(dir, new Lucene104Codec(), analyzer, similarity()), analyzer);
    }

    /** The exact scorer (no index) that gives this index's scores: same analyzer, formula and norms. */
    public ExactBm25 exactScorer() {
        return exactScorer(metadata().type());
    }

    /** The exact scorer matching an index of {@code type} (used when the column has no index: {@code bm25}). */
    public static ExactBm25 exactScorer(IndexType type) {
        Analyzer a = TextAnalyzers.forType(type);
        return new ExactBm25(Bm25.DEFAULT, text -> TextAnalyzers.terms(a, TEXT_FIELD, clip(type, text)), ExactBm25.LengthMode.LUCENE);
    }

    private static String clip(IndexType type, String text) {
        return type == IndexType.EXACT_TEXT && text.length() > MAX_EXACT_CHARS ? text.substring(0, MAX_EXACT_CHARS) : text;
    }

    /** Adds rows (visible after {@link #commit}). */
    public void add(List<TextRow> rows) {
        try {
            for (TextRow r : rows) {
                Document doc = LuceneStore.newDocument(r.id());
                doc.add(new TextField(TEXT_FIELD, clip(metadata().type(), r.text()), Field.Store.NO));
                store.writer().addDocument(doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot add to the index on " + metadata().column(), e);
        }
    }

    /**
     * The {@code k} best BM25 matches of {@code query}, best first; fewer when fewer rows share a
     * term with the query.
     *
     * @param filterIds rows allowed (pre-filter), or null for all rows
     */
    public List<Hit> search(String query, int k, Collection<String> filterIds) {
        List<String> terms = TextAnalyzers.terms(analyzer, TEXT_FIELD, clip(metadata().type(), query == null ? "" : query));
        if (terms.isEmpty() || (filterIds != null && filterIds.isEmpty())) {
            return List.of();
        }
        BooleanQuery.Builder scoring = new BooleanQuery.Builder();
        for (String t : terms) {
            scoring.add(new TermQuery(new Term(TEXT_FIELD, t)), BooleanClause.Occur.SHOULD);
        }
        Query scored = scoring.build();
        return store.search(searcher -> {
            Query finalQuery = filterIds == null ? scored : new BooleanQuery.Builder().add(scored, BooleanClause.Occur.MUST)
                    .add(store.filter(searcher, filterIds, List.of()), BooleanClause.Occur.FILTER).build();
            TopDocs top = searcher.search(finalQuery, Math.min(k, Math.max(1, searcher.getIndexReader().maxDoc())));
            int[] docs = new int[top.scoreDocs.length];
            for (int i = 0; i < docs.length; i++) {
                docs[i] = top.scoreDocs[i].doc;
            }
            String[] ids = LuceneStore.ids(searcher, docs);
            List<Hit> hits = new ArrayList<>(docs.length);
            int i = 0;
            for (ScoreDoc sd : top.scoreDocs) {
                hits.add(new Hit(ids[i++], sd.score));
            }
            hits.sort(Hit.BEST_FIRST);
            return hits;
        });
    }
}
