package ai.deeplake4j.ingest.normalize;

import java.nio.file.Path;

/**
 * One input file of a FILE-column ingest.
 *
 * @param path   the file
 * @param fileId the id all its rows share in {@code file_id} (a UUID string)
 */
public record SourceFile(Path path, String fileId) {
}
