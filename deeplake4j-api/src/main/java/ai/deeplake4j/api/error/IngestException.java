package ai.deeplake4j.api.error;

/** Ingest failed: bad data, an unreadable or missing file, or a missing tool (e.g. ffmpeg). Commits made before the failure stay intact. */
public class IngestException extends ManagedServiceException {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
