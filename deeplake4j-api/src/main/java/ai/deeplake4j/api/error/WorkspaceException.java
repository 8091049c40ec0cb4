package ai.deeplake4j.api.error;

/** A workspace is missing, invalid or not visible to the caller. */
public class WorkspaceException extends ManagedServiceException {
    public WorkspaceException(String message) {
        super(message);
    }

    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
