package ai.deeplake4j.server.auth;

import ai.deeplake4j.api.error.AuthException;
import ai.deeplake4j.api.error.TokenException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Verifies JWT bearer tokens (ARCHITECTURE D7, 2.2) with nimbus-jose-jwt: HS256 against the
 * server secret, RS256 against a public key; only the algorithms configured are accepted
 * ({@code none} and algorithm confusion are refused). {@code exp} and {@code nbf} are checked
 * with {@value #SKEW_SECONDS} s of clock skew. The organizations come from the claims
 * {@code OrgID}, {@code org_id} or {@code org} (a string or a list of strings). Thread-safe.
 */
public final class TokenVerifier {

    static final long SKEW_SECONDS = 30;
    private static final List<String> ORG_CLAIMS = List.of("OrgID", "org_id", "org");

    private final JWSVerifier hmac;
    private final JWSVerifier rsa;
    private final Clock clock;

    /**
     * @param hmacSecret HS256 secret (at least 32 bytes), or null to refuse HS256
     * @param rsaKey     RS256 public key, or null to refuse RS256
     * @throws IllegalArgumentException when both are null or the secret is too short
     */
    public TokenVerifier(byte[] hmacSecret, RSAPublicKey rsaKey, Clock clock) {
        if (hmacSecret == null && rsaKey == null) {
            throw new IllegalArgumentException("Configure an HS256 secret or an RS256 public key to verify tokens.");
        }
        try {
            this.hmac = hmacSecret == null ? null : new MACVerifier(hmacSecret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("HS256 secret must be at least 32 bytes, got " + hmacSecret.length, e);
        }
        this.rsa = rsaKey == null ? null : new RSASSAVerifier(rsaKey);
        this.clock = clock;
    }

    /**
     * Verifies a token and picks the organization.
     *
     * @param token       the compact JWT (without {@code Bearer })
     * @param requestedOrg the {@code X-Activeloop-Org-Id} header, or null for the token's first org
     * @throws TokenException malformed, wrongly signed, expired or not yet valid token, or no org claim
     * @throws AuthException  the requested org is not granted by the token
     */
    public Caller verify(String token, String requestedOrg) {
        JWTClaimsSet claims = verifiedClaims(token);
        List<String> orgs = orgs(claims);
        if (orgs.isEmpty()) {
            throw new TokenException("Token has no organization: set one of the claims OrgID, org_id or org.");
        }
        String org = orgs.get(0);
        if (requestedOrg != null && !requestedOrg.isBlank()) {
            if (!orgs.contains(requestedOrg)) {
                throw new AuthException("Organization " + requestedOrg + " (X-Activeloop-Org-Id) is not granted by this token.");
            }
            org = requestedOrg;
        }
        String subject = claims.getSubject() == null ? "anonymous" : claims.getSubject();
        return new Caller(subject, orgs, org);
    }

    private JWTClaimsSet verifiedClaims(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenException("Malformed token: not a signed JWT.");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        JWSVerifier verifier = JWSAlgorithm.HS256.equals(alg) ? hmac : JWSAlgorithm.RS256.equals(alg) ? rsa : null;
        if (verifier == null) {
            throw new TokenException("Token algorithm " + alg + " is not accepted by this server.");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new TokenException("Token signature is invalid.");
            }
        } catch (JOSEException e) {
            throw new TokenException("Token signature could not be verified: " + e.getMessage());
        }
        Instant now = clock.instant();
        Duration skew = Duration.ofSeconds(SKEW_SECONDS);
        Date exp = claims.getExpirationTime();
        if (exp != null && exp.toInstant().plus(skew).isBefore(now)) {
            throw new TokenException("Token expired at " + exp.toInstant() + ". Create a new one.");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(skew).isAfter(now)) {
            throw new TokenException("Token is not valid before " + nbf.toInstant() + ".");
        }
        return claims;
    }

    private static List<String> orgs(JWTClaimsSet claims) {
        List<String> orgs = new ArrayList<>();
        for (String name : ORG_CLAIMS) {
            Object value = claims.getClaim(name);
            if (value instanceof String s && !s.isBlank()) {
                orgs.add(s);
            } else if (value instanceof List<?> list) {
                list.stream().filter(String.class::isInstance).map(String.class::cast)
                        .filter(s -> !s.isBlank()).forEach(orgs::add);
            }
            if (!orgs.isEmpty()) {
                break;
            }
        }
        return orgs.stream().distinct().toList();
    }
}
