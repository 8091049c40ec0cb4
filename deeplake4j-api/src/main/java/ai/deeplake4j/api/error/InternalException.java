package ai.deeplake4j.api.error;

/**
 * The service failed on its own account, not because of the request: a DuckDB internal error, or
 * a table whose files are damaged or missing on storage. Sending the same request again fails the
 * same way until an operator looks; a server answers it with 500 and an incident id and logs the
 * details (which may name server files) once, whereas every other {@link ManagedServiceException}
 * is the caller's to fix (a 4xx whose message says what is wrong).
 */
public class InternalException extends ManagedServiceException {
    public InternalException(String message, Throwable cause) {
        super(message, cause);
    }
}
