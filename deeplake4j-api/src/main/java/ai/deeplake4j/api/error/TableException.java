package ai.deeplake4j.api.error;

/** A table does not exist, already exists, or its schema does not accept the data. */
public class TableException extends ManagedServiceException {
    public TableException(String message) {
        super(message);
    }

    public TableException(String message, Throwable cause) {
        super(message, cause);
    }
}
