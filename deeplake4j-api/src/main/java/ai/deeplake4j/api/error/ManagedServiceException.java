package ai.deeplake4j.api.error;

/**
 * Base of every error deeplake4j raises (unchecked). Follows the Deeplake SDK hierarchy
 * ({@code ManagedServiceError}); messages name the table, column, file or parameter at fault
 * and what to do next.
 */
public class ManagedServiceException extends RuntimeException {
    public ManagedServiceException(String message) {
        super(message);
    }

    public ManagedServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
