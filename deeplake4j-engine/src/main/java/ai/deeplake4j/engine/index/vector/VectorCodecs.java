package ai.deeplake4j.engine.index.vector;

import ai.deeplake4j.engine.index.IndexType;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The Lucene codec writing each vector index type. HNSW with M = 16 links per node and a build
 * beam of 100 (Lucene's defaults). The quantized types store 7-bit scalar codes next to the
 * float32 vectors, which stay available for rescoring. Segments record their vector format's
 * name, so an index reopens with the standard codec whatever wrote it.
 */
public final class VectorCodecs {

    /** Links per HNSW node. */
    public static final int MAX_CONN = 16;
    /** Candidates kept while inserting a node. */
    public static final int BEAM_WIDTH = 100;

    private VectorCodecs() {
    }

    /**
     * @throws IllegalArgumentException for a text index type
     */
    public static Codec forType(IndexType type) {
        KnnVectorsFormat format = switch (type) {
            case CLUSTERED -> new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH);
            case CLUSTERED_QUANTIZED, POOLED_QUANTIZED ->
                    new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SEVEN_BIT, MAX_CONN, BEAM_WIDTH);
            default -> throw new IllegalArgumentException("Not a vector index type: " + type);
        };
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }
}
