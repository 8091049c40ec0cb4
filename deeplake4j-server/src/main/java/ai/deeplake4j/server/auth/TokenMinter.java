package ai.deeplake4j.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * Mints HS256 tokens for a server's secret ({@code deeplake4j token create --org ORG
 * [--expires DURATION]}). Claims: {@code sub}, {@code org_id} and {@code OrgID} (the org),
 * {@code iat}, and {@code exp} unless the token never expires. Thread-safe.
 */
public final class TokenMinter {

    private final MACSigner signer;
    private final Clock clock;

    /** @throws IllegalArgumentException when the secret is shorter than 32 bytes */
    public TokenMinter(byte[] secret, Clock clock) {
        try {
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("HS256 secret must be at least 32 bytes, got " + secret.length, e);
        }
        this.clock = clock;
    }

    public TokenMinter(byte[] secret) {
        this(secret, Clock.systemUTC());
    }

    /**
     * @param org     the organization id the token grants
     * @param subject the user or service name ({@code sub})
     * @param expires lifetime, or null for a token without {@code exp}
     * @return the compact JWT
     */
    public String mint(String org, String subject, Duration expires) {
        Objects.requireNonNull(org, "org");
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject == null ? org : subject)
                .claim("org_id", org)
                .claim("OrgID", org)
                .issueTime(Date.from(now));
        if (expires != null) {
            claims.expirationTime(Date.from(now.plus(expires)));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign the token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** A token for {@code org} that expires after {@code expires}. */
    public String mint(String org, Duration expires) {
        return mint(org, null, expires);
    }
}
