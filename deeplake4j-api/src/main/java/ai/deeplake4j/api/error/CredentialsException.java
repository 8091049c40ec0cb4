package ai.deeplake4j.api.error;

/** Storage credentials could not be obtained or were refused. */
public class CredentialsException extends ManagedServiceException {
    public CredentialsException(String message) {
        super(message);
    }

    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
