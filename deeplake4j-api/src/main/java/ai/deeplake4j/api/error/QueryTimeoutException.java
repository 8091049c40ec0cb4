package ai.deeplake4j.api.error;

/**
 * A query outlasted its timeout ({@code Client.query(sql, timeout, params)}, or the server's
 * {@code timeout_ms}, HTTP 408) and was cancelled. Raise the timeout or narrow the query.
 */
public class QueryTimeoutException extends QueryCancelledException {
    public QueryTimeoutException(String message) {
        super(message);
    }

    public QueryTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
