package ai.deeplake4j.ingest.normalize;

/**
 * Receives thumbnails for the workspace's {@code thumbnails} table (ARCHITECTURE 2.5):
 * columns {@code file_id}, {@code column_name}, {@code dimension} (e.g. "32x32"), {@code content}.
 */
@FunctionalInterface
public interface ThumbnailSink {
    /** Discards thumbnails. */
    ThumbnailSink NONE = (fileId, column, dimension, jpeg) -> { };

    void accept(String fileId, String columnName, String dimension, byte[] jpeg);
}
