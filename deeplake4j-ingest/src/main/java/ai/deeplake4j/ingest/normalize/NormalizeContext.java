package ai.deeplake4j.ingest.normalize;

import ai.deeplake4j.api.ingest.IngestOptions;

/**
 * What a normalizer may use besides the file.
 *
 * @param options    the ingest options (chunk size and overlap, PDF DPI, ...)
 * @param thumbnails where image and video thumbnails go; a thumbnail failure is a warning, not an error
 */
public record NormalizeContext(IngestOptions options, ThumbnailSink thumbnails) {
    public NormalizeContext(IngestOptions options) {
        this(options, ThumbnailSink.NONE);
    }
}
