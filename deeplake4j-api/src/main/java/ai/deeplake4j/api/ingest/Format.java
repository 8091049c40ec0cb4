package ai.deeplake4j.api.ingest;

import ai.deeplake4j.api.schema.ColumnType;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A dataset layout that produces rows itself (ARCHITECTURE 2.6), e.g. COCO or LeRobot.
 * When {@link IngestOptions#format()} is set, {@code ingest} ignores its data argument and
 * writes what {@link #normalize()} yields.
 *
 * <p>Every batch maps each column name to a list of values; the lists of one batch have equal
 * lengths and every batch has the same columns. Schema precedence: an explicit ingest
 * {@code schema} wins over {@link #schema()}, which wins over inference from the first batch.
 */
public interface Format extends AutoCloseable {

    /** The batches to write, lazily: a format must not hold the whole dataset in memory. */
    Iterator<Map<String, List<?>>> normalize();

    /** Column types the format declares; empty means infer. */
    default Map<String, ColumnType> schema() {
        return Map.of();
    }

    /** Columns holding encoded images, for which thumbnails are made. */
    default List<String> imageColumns() {
        return List.of();
    }

    /**
     * Called by {@code ingest} once, before {@link #normalize()}, with the call's options: a
     * format that can skip bad items honours {@link IngestOptions#skipFailedFiles()} and reports
     * them through {@link #skipped()}. The default ignores the options.
     */
    default void configure(IngestOptions options) {
    }

    /**
     * Items left out because they failed while {@link IngestOptions#skipFailedFiles()} was set
     * (path or item name, reason); read after {@link #normalize()} is exhausted. Empty by default.
     */
    default List<SkippedFile> skipped() {
        return List.of();
    }

    /** Releases what {@link #normalize()} opened. */
    @Override
    default void close() {
    }
}
