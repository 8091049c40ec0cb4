package ai.deeplake4j.ingest.normalize;

import java.util.Map;

/**
 * Receives the rows a {@link Normalizer} makes, one at a time so that large files (a 300-page PDF,
 * a long video) never sit in memory whole. May block to apply back-pressure.
 */
@FunctionalInterface
public interface RowSink {
    /** A row: column name to storage-form value; columns the normalizer does not set are NULL. */
    void accept(Map<String, Object> row);
}
