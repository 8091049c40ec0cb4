package ai.deeplake4j.server;

import ai.deeplake4j.client.RemoteClient;
import ai.deeplake4j.client.http.HttpTransport;
import ai.deeplake4j.client.http.RetryPolicy;
import ai.deeplake4j.server.auth.TokenMinter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A real server on 127.0.0.1 (ephemeral port) over a temporary lake, with token and client helpers. */
public final class TestServer implements AutoCloseable {

    public static final byte[] SECRET = "test-secret-test-secret-test-secret!".getBytes(StandardCharsets.UTF_8);

    private final DeeplakeServer server;
    private final TokenMinter minter = new TokenMinter(SECRET);

    public TestServer(Path lake) {
        this(ServerConfig.builder(lake).port(0).hmacSecret(SECRET).build());
    }

    public TestServer(ServerConfig config) {
        this.server = DeeplakeServer.start(config);
    }

    public String url() {
        return server.url();
    }

    public DeeplakeServer server() {
        return server;
    }

    /** An hour-long token for {@code org}. */
    public String token(String org) {
        return minter.mint(org, Duration.ofHours(1));
    }

    /** A remote client of {@code org} on {@code workspace}, with quick retries. */
    public RemoteClient client(String org, String workspace) {
        return clientWithToken(token(org), workspace);
    }

    /** A remote client with a given token. */
    public RemoteClient clientWithToken(String token, String workspace) {
        HttpTransport transport = new HttpTransport(url(), token, null,
                new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(200)), Duration.ofSeconds(5));
        return new RemoteClient(transport, workspace, RemoteClient.DEFAULT_QUERY_TIMEOUT);
    }

    @Override
    public void close() {
        server.close();
    }
}
