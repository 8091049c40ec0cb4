package ai.deeplake4j.server.http;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.AuthException;
import ai.deeplake4j.api.error.TokenException;
import ai.deeplake4j.server.auth.Caller;
import ai.deeplake4j.server.auth.TokenVerifier;
import io.javalin.http.Context;

/**
 * Reads {@code Authorization: Bearer <JWT>} and {@code X-Activeloop-Org-Id}, verifies the token
 * and attaches the {@link Caller} to the request. The org id also names a lake directory, so an
 * id that is not a safe name is refused even in a correctly signed token.
 */
public final class Authenticator {

    /** Header that selects one of the token's organizations (Deeplake). */
    public static final String ORG_HEADER = "X-Activeloop-Org-Id";
    private static final String ATTRIBUTE = "deeplake4j.caller";

    private final TokenVerifier verifier;

    public Authenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * @throws AuthException  401 without a bearer token
     * @throws TokenException 401 for a bad token
     */
    public Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new ApiError(401, "missing_token", "Missing bearer token: send 'Authorization: Bearer <token>' "
                    + "(DEEPLAKE_API_KEY). Create one with 'deeplake4j token create --org ORG'.");
        }
        Caller caller = verifier.verify(header.substring(7).trim(), ctx.header(ORG_HEADER));
        if (!Names.isValid(Names.Kind.ORG, caller.org())) {
            throw new TokenException("Token organization id '" + Names.show(caller.org()) + "' is not a valid org name. " + Names.Kind.ORG.rule());
        }
        ctx.attribute(ATTRIBUTE, caller);
        return caller;
    }

    /** True once {@link #authenticate} accepted the request's token. */
    public static boolean isAuthenticated(Context ctx) {
        return ctx.attribute(ATTRIBUTE) != null;
    }

    /** The caller attached by {@link #authenticate}. */
    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("request was not authenticated");
        }
        return caller;
    }
}
