package ai.deeplake4j.engine.index.matrix;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.engine.index.IndexMetadata;
import ai.deeplake4j.engine.index.IndexType;
import ai.deeplake4j.engine.index.LuceneIndex;
import ai.deeplake4j.engine.index.LuceneStore;
import ai.deeplake4j.engine.index.SearchIndex;
import ai.deeplake4j.engine.index.vector.VectorCodecs;
import ai.deeplake4j.engine.search.ExactVectorSearch;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.MatrixRow;
import ai.deeplake4j.engine.search.TopHits;
import ai.deeplake4j.engine.search.VectorMath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * The {@code pooled_quantized} index over an EMBEDDING_2D column (one vector per token). Each row's
 * matrix is pooled into one unit vector (the normalized mean of its normalized rows) indexed by
 * 7-bit quantized HNSW; the matrix itself is kept as little-endian float32 doc values. A search
 * pools the query matrix the same way, takes {@link #numCandidates(int)} HNSW candidates and ranks
 * them by exact MaxSim ({@link VectorMath#maxSim}). Approximate: a row whose pooled vector is far
 * from the query's can be missed even with a high MaxSim. Thread-safe.
 */
public final class MatrixIndex extends LuceneIndex {

    static final String VECTOR_FIELD = "v";
    static final String MATRIX_FIELD = "m";


    private MatrixIndex(LuceneStore store) {
        super(store);
    }

    /**
     * Creates an empty index for token vectors of {@code dimension} floats.
     *
     * @throws TableException for a dimension outside 1..4096 or an existing index
     */
    public static MatrixIndex create(Path dir, String column, int dimension) {
        if (dimension < 1 || dimension > 4096) {
            throw new TableException("Cannot index column " + column + ": vector dimension " + dimension + " is outside 1..4096.");
        }
        IndexMetadata md = new IndexMetadata(column, IndexType.POOLED_QUANTIZED, dimension, -1);
        return new MatrixIndex(LuceneStore.create(dir, md, VectorCodecs.forType(IndexType.POOLED_QUANTIZED), new KeywordAnalyzer(), null));
    }

    /** Opens an index created by {@link #create}. */
    public static MatrixIndex open(Path dir) {
        return new MatrixIndex(LuceneStore.open(dir, VectorCodecs.forType(IndexType.POOLED_QUANTIZED), new KeywordAnalyzer(), null));
    }

    /** HNSW candidates for a top-k: {@code max(8k, 100)} (pooling loses more than quantization). */
    public static int numCandidates(int k) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(8L * k, 100));
    }

    /** Adds rows (visible after {@link #commit}); empty matrices are skipped. */
    public void add(List<MatrixRow> rows) {
        int dim = metadata().dimension();
        try {
            for (MatrixRow r : rows) {
                if (r.matrix().length == 0) {
                    continue;
                }
                ExactVectorSearch.checkDimension(metadata().column(), r.matrix()[0].length, dim);
                Document doc = LuceneStore.newDocument(r.id());
                doc.add(new KnnFloatVectorField(VECTOR_FIELD, VectorMath.pooled(r.matrix(), dim), VectorSimilarityFunction.DOT_PRODUCT));
                doc.add(new BinaryDocValuesField(MATRIX_FIELD, encode(r.matrix(), dim)));
                store.writer().addDocument(doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot add to the index on " + metadata().column(), e);
        }
    }

    /**
     * The {@code k} rows with the highest MaxSim to {@code query} among the HNSW candidates, best first.
     *
     * @param filterIds rows allowed (pre-filter), or null for all rows
     */
    public List<Hit> search(float[][] query, int k, Collection<String> filterIds) {
        int dim = metadata().dimension();
        if (query.length == 0 || (filterIds != null && filterIds.isEmpty())) {
            return List.of();
        }
        ExactVectorSearch.checkDimension(metadata().column(), query[0].length, dim);
        float[] pooled = VectorMath.pooled(query, dim);
        return store.search(searcher -> {
            int candidates = Math.min(numCandidates(k), Math.max(1, searcher.getIndexReader().maxDoc()));
            Query filter = store.filter(searcher, filterIds, List.of());
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR_FIELD, pooled, candidates, filter), candidates);
            return rescore(searcher, top.scoreDocs, query, k, dim);
        });
    }

    private static List<Hit> rescore(IndexSearcher searcher, ScoreDoc[] hits, float[][] query, int k, int dim) throws IOException {
        int[] docs = Arrays.stream(hits).mapToInt(h -> h.doc).sorted().toArray();
        String[] ids = LuceneStore.ids(searcher, docs);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        TopHits top = new TopHits(k);
        int currentLeaf = -1;
        BinaryDocValues matrices = null;
        for (int i = 0; i < docs.length; i++) {
            int leaf = ReaderUtil.subIndex(docs[i], leaves);
            LeafReaderContext ctx = leaves.get(leaf);
            if (leaf != currentLeaf) {
                matrices = ctx.reader().getBinaryDocValues(MATRIX_FIELD);
                currentLeaf = leaf;
            }
            if (matrices != null && matrices.advanceExact(docs[i] - ctx.docBase)) {
                top.offer(ids[i], VectorMath.maxSim(query, decode(matrices.binaryValue(), dim)));
            }
        }
        return top.toList();
    }

    static BytesRef encode(float[][] matrix, int dim) {
        ByteBuffer buf = ByteBuffer.allocate(matrix.length * dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : matrix) {
            for (float x : row) {
                buf.putFloat(x);
            }
        }
        return new BytesRef(buf.array());
    }

    static float[][] decode(BytesRef bytes, int dim) {
        ByteBuffer buf = ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        int rows = bytes.length / (dim * Float.BYTES);
        float[][] m = new float[rows][dim];
        for (float[] row : m) {
            for (int j = 0; j < dim; j++) {
                row[j] = buf.getFloat();
            }
        }
        return m;
    }
}
