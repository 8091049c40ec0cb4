package ai.deeplake4j.api.ingest;

/**
 * A file left out of an ingest because it failed and {@link IngestOptions#skipFailedFiles()} was set.
 *
 * @param path   the file as given
 * @param reason why it failed
 */
public record SkippedFile(String path, String reason) {
}
