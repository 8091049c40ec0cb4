package ai.deeplake4j.api.error;

/** A SQL statement is malformed or failed to execute; the message gives the position of a syntax error. */
public class QueryException extends ManagedServiceException {
    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
