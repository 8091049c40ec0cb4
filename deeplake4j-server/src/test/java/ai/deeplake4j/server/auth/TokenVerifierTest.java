package ai.deeplake4j.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.deeplake4j.api.error.AuthException;
import ai.deeplake4j.api.error.TokenException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final TokenVerifier verifier = new TokenVerifier(SECRET, null, Clock.systemUTC());

    @Test
    void mintedTokenCarriesItsOrganization() {
        String token = new TokenMinter(SECRET).mint("acme", Duration.ofHours(1));
        Caller caller = verifier.verify(token, null);
        assertEquals("acme", caller.org());
        assertEquals(List.of("acme"), caller.orgs());
    }

    @Test
    void expiredTokenIsRefused() {
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));
        String token = new TokenMinter(SECRET, past).mint("acme", Duration.ofHours(1));
        TokenException e = assertThrows(TokenException.class, () -> verifier.verify(token, null));
        assertEquals(true, e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void tokenSignedWithAnotherSecretIsRefused() {
        String token = new TokenMinter("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8)).mint("acme", null);
        assertThrows(TokenException.class, () -> verifier.verify(token, null));
    }

    @Test
    void malformedAndUnsignedTokensAreRefused() {
        assertThrows(TokenException.class, () -> verifier.verify("not-a-jwt", null));
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().claim("org_id", "acme").build()).serialize();
        assertThrows(TokenException.class, () -> verifier.verify(unsigned, null));
    }

    @Test
    void orgHeaderSelectsAmongGrantedOrganizationsOnly() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        TokenVerifier rsa = new TokenVerifier(null, (RSAPublicKey) keys.getPublic(), Clock.systemUTC());
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .claim("OrgID", List.of("acme", "beta")).expirationTime(new Date(System.currentTimeMillis() + 60_000)).build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        String token = jwt.serialize();
        assertEquals("acme", rsa.verify(token, null).org());
        assertEquals("beta", rsa.verify(token, "beta").org());
        assertThrows(AuthException.class, () -> rsa.verify(token, "gamma"));
        // an HS256 token is refused by a server that only has an RSA key (no algorithm confusion)
        assertThrows(TokenException.class, () -> rsa.verify(new TokenMinter(SECRET).mint("acme", null), null));
    }

    @Test
    void tokenWithoutOrganizationIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("x").build());
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(SECRET));
        assertThrows(TokenException.class, () -> verifier.verify(jwt.serialize(), null));
    }
}
