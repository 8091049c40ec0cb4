package ai.deeplake4j.api.error;

/** A token that is expired, malformed or wrongly signed. */
public class TokenException extends AuthException {
    public TokenException(String message) {
        super(message);
    }

    public TokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
