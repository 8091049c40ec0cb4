package ai.deeplake4j.api.error;

/**
 * A query was stopped before it finished: its running DuckDB statements were cancelled, and what
 * it had not yet committed was discarded. The message says why (a timeout, a server shutdown).
 */
public class QueryCancelledException extends QueryException {
    public QueryCancelledException(String message) {
        super(message);
    }

    public QueryCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
