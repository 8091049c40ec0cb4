package ai.deeplake4j.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The server's HS256 secret: {@code DEEPLAKE4J_SERVER_SECRET} when set, otherwise
 * {@code <lake>/service/secret}, created with 32 random bytes (base64, owner-only permissions)
 * on first use, so {@code deeplake4j serve} and {@code deeplake4j token create} on the same lake
 * agree without configuration. Also reads RS256 public keys (PEM).
 */
public final class ServerSecret {

    /** Variable holding the secret as text (at least 32 bytes). */
    public static final String ENV = "DEEPLAKE4J_SERVER_SECRET";

    private ServerSecret() {
    }

    /** The secret from the environment or the lake, created if missing. */
    public static byte[] loadOrCreate(Path lake) {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return env.getBytes(StandardCharsets.UTF_8);
        }
        Path file = lake.resolve("service").resolve("secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(random));
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first; read theirs
                } catch (UnsupportedOperationException notPosix) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(random));
                }
            }
            return Files.readString(file).trim().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the server secret " + file, e);
        }
    }

    /**
     * Reads an RSA public key in PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo).
     *
     * @throws IllegalArgumentException naming the file when it is not such a key
     */
    public static RSAPublicKey readRsaPublicKey(Path pem) {
        try {
            String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the public key " + pem, e);
        } catch (Exception e) {
            throw new IllegalArgumentException("Not an RSA public key in PEM: " + pem + " (" + e.getMessage() + ")", e);
        }
    }
}
