package ai.deeplake4j.engine.index.vector;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.engine.index.IndexMetadata;
import ai.deeplake4j.engine.index.IndexType;
import ai.deeplake4j.engine.index.LuceneIndex;
import ai.deeplake4j.engine.index.LuceneStore;
import ai.deeplake4j.engine.index.SearchIndex;
import ai.deeplake4j.engine.search.ExactVectorSearch;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.TopHits;
import ai.deeplake4j.engine.search.VectorMath;
import ai.deeplake4j.engine.search.VectorRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * An HNSW index over an EMBEDDING column (index types {@code clustered} and
 * {@code clustered_quantized}), scoring by cosine similarity.
 *
 * <p>Vectors are stored normalized and searched by dot product (equal to cosine on unit vectors).
 * A search asks HNSW for {@link #numCandidates(int)} candidates (at least 64, which keeps
 * recall@10 near 1 where 10 candidates give about 0.8), then rescores them with the float32 vectors
 * in double precision, so the scores returned are exact cosine similarities whatever the
 * quantization. A filter is a set of row ids turned into a Lucene filter that HNSW honours while
 * walking the graph (pre-filtering): a filtered top-k has k hits whenever k rows pass; Lucene
 * switches to an exact scan when the filter is more selective than the graph walk.
 *
 * <p>Lives in {@code <table>/index/<fieldId>/}; records the table snapshot it covers. Thread-safe.
 */
public final class VectorIndex extends LuceneIndex {

    /** The vector field. */
    static final String VECTOR_FIELD = "v";
    /** The least number of HNSW candidates a search asks for. */
    public static final int MIN_CANDIDATES = 64;


    private VectorIndex(LuceneStore store) {
        super(store);
    }

    /**
     * Creates an empty index.
     *
     * @param type      {@code CLUSTERED} or {@code CLUSTERED_QUANTIZED}
     * @param dimension vector length, 1 to 4096
     * @throws TableException when the type is not a 1-D vector type or the directory holds an index
     */
    public static VectorIndex create(Path dir, String column, IndexType type, int dimension) {
        if (type != IndexType.CLUSTERED && type != IndexType.CLUSTERED_QUANTIZED) {
            throw new TableException("Index type " + type + " is not a vector index type. Use clustered or clustered_quantized.");
        }
        if (dimension < 1 || dimension > 4096) {
            throw new TableException("Cannot index column " + column + ": vector dimension " + dimension
                    + " is outside 1..4096.");
        }
        IndexMetadata md = new IndexMetadata(column, type, dimension, -1);
        return new VectorIndex(LuceneStore.create(dir, md, VectorCodecs.forType(type), new KeywordAnalyzer(), null));
    }

    /** Opens an index created by {@link #create}. */
    public static VectorIndex open(Path dir) {
        IndexMetadata md = LuceneStore.readMetadata(dir);
        return new VectorIndex(LuceneStore.open(dir, VectorCodecs.forType(md.type()), new KeywordAnalyzer(), null));
    }

    /** HNSW candidates for a top-k: {@code max(2k, 64)}. */
    public static int numCandidates(int k) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(2L * k, MIN_CANDIDATES));
    }

    /**
     * Adds rows (visible after {@link #commit}). Rows are added from
     * {@code threads} threads; each builds its own HNSW graph segment.
     *
     * @throws ai.deeplake4j.api.error.QueryException when a vector has the wrong dimension
     */
    public void add(List<VectorRow> rows, int threads) {
        int dim = metadata().dimension();
        for (VectorRow r : rows) {
            ExactVectorSearch.checkDimension(metadata().column(), r.vector().length, dim);
        }
        if (threads <= 1 || rows.size() < 10_000) {
            for (VectorRow r : rows) {
                addOne(r);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            int chunk = (rows.size() + threads - 1) / threads;
            for (int from = 0; from < rows.size(); from += chunk) {
                List<VectorRow> part = rows.subList(from, Math.min(rows.size(), from + chunk));
                parts.add(pool.submit(() -> part.forEach(this::addOne)));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building the index on " + metadata().column(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Building the index on " + metadata().column() + " failed", e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** {@link #add(List, int)} on the calling thread. */
    public void add(List<VectorRow> rows) {
        add(rows, 1);
    }

    private void addOne(VectorRow row) {
        Document doc = LuceneStore.newDocument(row.id());
        doc.add(new KnnFloatVectorField(VECTOR_FIELD, VectorMath.normalized(row.vector()), VectorSimilarityFunction.DOT_PRODUCT));
        try {
            store.writer().addDocument(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot add to the index on " + metadata().column(), e);
        }
    }

    /**
     * The {@code k} indexed rows most cosine-similar to {@code query}, best first, with exact cosine
     * scores.
     *
     * @param filterIds rows allowed (pre-filter), or null for all rows
     * @throws ai.deeplake4j.api.error.QueryException naming both dimensions when the query's differs
     */
    public List<Hit> search(float[] query, int k, Collection<String> filterIds) {
        return search(query, k, filterIds, List.of());
    }

    /**
     * {@link #search(float[], int, Collection)} that also leaves out {@code excludedIds} (rows
     * deleted or rewritten since the index's snapshot), still as a pre-filter.
     */
    public List<Hit> search(float[] query, int k, Collection<String> filterIds, Collection<String> excludedIds) {
        ExactVectorSearch.checkDimension(metadata().column(), query.length, metadata().dimension());
        if (filterIds != null && filterIds.isEmpty()) {
            return List.of();
        }
        float[] unit = VectorMath.normalized(query);
        return store.search(searcher -> {
            int candidates = Math.min(numCandidates(k), Math.max(1, searcher.getIndexReader().maxDoc()));
            Query filter = store.filter(searcher, filterIds, excludedIds);
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR_FIELD, unit, candidates, filter), candidates);
            return rescore(searcher, top.scoreDocs, unit, k);
        });
    }

    /** Exact cosine for the HNSW candidates from the stored float32 vectors; keeps the best k. */
    private static List<Hit> rescore(IndexSearcher searcher, ScoreDoc[] hits, float[] unitQuery, int k) throws IOException {
        int[] docs = new int[hits.length];
        for (int i = 0; i < hits.length; i++) {
            docs[i] = hits[i].doc;
        }
        Arrays.sort(docs);
        String[] ids = LuceneStore.ids(searcher, docs);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        TopHits top = new TopHits(k);
        int currentLeaf = -1;
        FloatVectorValues values = null;
        KnnVectorValues.DocIndexIterator it = null;
        for (int i = 0; i < docs.length; i++) {
            int leaf = ReaderUtil.subIndex(docs[i], leaves);
            LeafReaderContext ctx = leaves.get(leaf);
            if (leaf != currentLeaf) {
                values = ctx.reader().getFloatVectorValues(VECTOR_FIELD);
                it = values.iterator();
                currentLeaf = leaf;
            }
            int local = docs[i] - ctx.docBase;
            if (it.docID() < local) {
                it.advance(local);
            }
            float[] v = values.vectorValue(it.index());
            top.offer(ids[i], VectorMath.cosine(unitQuery, v));
        }
        return top.toList();
    }
}
