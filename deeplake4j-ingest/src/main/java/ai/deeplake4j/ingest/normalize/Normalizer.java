package ai.deeplake4j.ingest.normalize;

import ai.deeplake4j.api.schema.ColumnType;
import java.io.IOException;
import java.util.SequencedMap;
import java.util.Set;

/**
 * Turns one kind of file into table rows (ARCHITECTURE 2.5). The pipeline adds {@code id} and
 * {@code file_id} to every row; a normalizer produces the other columns. Implementations are
 * stateless and thread-safe: the pipeline calls them from several workers at once.
 */
public interface Normalizer {

    /** Lower-case file extensions handled, without the dot; empty for the fallback. */
    Set<String> extensions();

    /** The columns this normalizer produces, in order (without {@code id} and {@code file_id}). */
    SequencedMap<String, ColumnType> columns();

    /**
     * Streams the file's rows to {@code sink} in order.
     *
     * @throws IOException when the file cannot be read or decoded; the pipeline wraps it into an
     *         {@code IngestException} naming the file
     */
    void normalize(SourceFile file, NormalizeContext context, RowSink sink) throws IOException;

    /**
     * About how many rows {@link #normalize} will make of {@code file}, found cheaply before it
     * runs (file size, page count, duration), for the progress total; never throws. One by default
     * (an image, an other file).
     */
    default long estimateRows(java.nio.file.Path file, ai.deeplake4j.api.ingest.IngestOptions options) {
        return 1;
    }

    /** Convenience for building {@link #columns()}. */
    static SequencedMap<String, ColumnType> columnsOf(Object... nameTypePairs) {
        java.util.LinkedHashMap<String, ColumnType> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            m.put((String) nameTypePairs[i], (ColumnType) nameTypePairs[i + 1]);
        }
        return m;
    }
}
