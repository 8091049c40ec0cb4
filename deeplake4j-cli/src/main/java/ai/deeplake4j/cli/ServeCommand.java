package ai.deeplake4j.cli;

import ai.deeplake4j.api.ClientConfig;
import ai.deeplake4j.server.DeeplakeServer;
import ai.deeplake4j.server.ServerConfig;
import ai.deeplake4j.server.auth.ServerSecret;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deeplake4j serve}: the REST service over a lake, until SIGTERM or Ctrl-C (graceful). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a lake over the Deeplake REST API. Tokens: 'deeplake4j token create --org ORG' on the same lake.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--lake", paramLabel = "DIR", description = "Lake directory (default: $DEEPLAKE4J_HOME, else ~/.deeplake4j).")
    Path lake;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Interface to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_PORT, description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--rsa-public-key", paramLabel = "PEM", description = "Also accept RS256 tokens signed by this key's private key.")
    Path rsaPublicKey;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "16777216", description = "Largest JSON request body; larger gets 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--duckdb-threads", paramLabel = "N", defaultValue = "1",
            description = "DuckDB threads per workspace (default: ${DEFAULT-VALUE}: concurrent requests already use the cores; raise it for a few large analytical queries).")
    int duckdbThreads;

    @Option(names = "--duckdb-memory-limit", paramLabel = "SIZE",
            description = "Memory each open workspace's DuckDB may use: 512MiB, 2GiB, 1GB or bytes (default: DuckDB's, 80% of RAM each). "
                    + "DuckDB's share of the server is then at most this times --max-open-workspaces.")
    String duckdbMemoryLimit;

    @Option(names = "--max-open-workspaces", paramLabel = "N", defaultValue = "64",
            description = "Workspace engines kept open at once; the least recently used idle one closes beyond it (default: ${DEFAULT-VALUE}).")
    int maxOpenWorkspaces;

    @Option(names = "--workspace-idle-timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "Close a workspace engine unused this long: 90m, 600s or PT10M (default: ${DEFAULT-VALUE}).")
    String workspaceIdleTimeout;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "On SIGTERM, wait this long for requests in progress, then cancel the queries still running (default: ${DEFAULT-VALUE}).")
    String drainTimeout;

    @Option(names = "--connection-idle-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Close a connection silent this long, between requests or in the middle of a body (default: ${DEFAULT-VALUE}).")
    String connectionIdleTimeout;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "10000",
            description = "Open connections at most; beyond it new ones wait to be accepted (default: ${DEFAULT-VALUE}; keep it under 'ulimit -n').")
    int maxConnections;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = lake != null ? lake : ClientConfig.fromEnvironment().lake();
        DeeplakeServer server = DeeplakeServer.start(config(dir));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "deeplake4j-serve-shutdown"));
        System.out.println("deeplake4j serving " + dir.toAbsolutePath() + " on " + server.url());
        stopped.await();
        return 0;
    }

    /**
     * The server configuration of the parsed options on lake {@code dir} (its HS256 secret is made
     * on first use).
     *
     * @throws IllegalArgumentException an invalid duration or size, or a value ServerConfig refuses
     */
    ServerConfig config(Path dir) {
        ServerConfig.Builder config = ServerConfig.builder(dir).host(host).port(port).maxBodyBytes(maxBodyBytes)
                .hmacSecret(ServerSecret.loadOrCreate(dir))
                .duckdbThreads(duckdbThreads)
                .maxOpenWorkspaces(maxOpenWorkspaces)
                .duckdbMemoryLimit(duckdbMemoryLimit == null ? 0 : Sizes.parse(duckdbMemoryLimit, "--duckdb-memory-limit"))
                .workspaceIdleTimeout(Durations.parse(workspaceIdleTimeout, "--workspace-idle-timeout"))
                .shutdownTimeout(Durations.parse(drainTimeout, "--drain-timeout"))
                .connectionIdleTimeout(Durations.parse(connectionIdleTimeout, "--connection-idle-timeout"))
                .maxConnections(maxConnections);
        if (rsaPublicKey != null) {
            config.rsaPublicKey(ServerSecret.readRsaPublicKey(rsaPublicKey));
        }
        return config.build();
    }
}
