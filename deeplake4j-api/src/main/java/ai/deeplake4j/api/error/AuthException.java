package ai.deeplake4j.api.error;

/** Authentication failed: a missing, wrong or unauthorized credential. */
public class AuthException extends ManagedServiceException {
    public AuthException(String message) {
        super(message);
    }

    public AuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
