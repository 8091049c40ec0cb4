package ai.deeplake4j.server;

import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DeeplakeServer} runs. Build with {@link #builder(Path)}; immutable.
 *
 * @param host             interface to bind (default {@code 127.0.0.1}; {@code 0.0.0.0} for all)
 * @param port             TCP port (default 8420; 0 picks a free one)
 * @param lake             the lake directory served
 * @param hmacSecret       HS256 secret (at least 32 bytes) or null; see {@link ai.deeplake4j.server.auth.ServerSecret}
 * @param rsaPublicKey     RS256 public key or null; at least one of the two is required
 * @param maxBodyBytes     largest JSON request body; larger gets 413 (default 16 MiB)
 * @param maxValueBytes    largest single value in a remote-ingest row stream (default 512 MiB)
 * @param queryTimeout     default query timeout when a request gives no {@code timeout_ms} (60 s)
 * @param maxQueryTimeout  cap on {@code timeout_ms} (default 10 min)
 * @param shutdownTimeout  the drain timeout: how long shutdown (SIGTERM) waits for requests in progress
 *                         before it cancels the queries still running (default 30 s; {@code serve --drain-timeout})
 * @param idleTimeout      how long a remote-ingest writer may stay unused before it is dropped (default 5 min)
 * @param connectionIdleTimeout how long a connection may stay silent, between requests or in the middle
 *                         of one (a client that stopped sending its body), before Jetty closes it; it also
 *                         bounds each blocking read or write (default 30 s; {@code serve --connection-idle-timeout})
 * @param maxConnections   open connections at most (Jetty's {@code NetworkConnectionLimit}); beyond it Jetty
 *                         stops accepting until some close (default 10,000; keep it under the open-files limit)
 * @param queryThreads     statements run at once; more wait their turn, which keeps DuckDB from
 *                         oversubscribing the cores (default 2 x cores)
 * @param duckdbThreads    DuckDB threads of each workspace's database (default 1): the server gets its
 *                         parallelism from running {@code queryThreads} statements at once, and one
 *                         thread per statement saves DuckDB's task hand-offs (see
 *                         {@link ai.deeplake4j.engine.sql.QueryEngine#setThreads}); raise it for a
 *                         server that runs few, large analytical queries
 * @param maxOpenWorkspaces workspace engines (each an in-memory DuckDB database, its views and
 *                         caches, and its search indexes) kept open at most; the least recently used
 *                         idle one closes when another opens (default 64)
 * @param workspaceIdleTimeout a workspace engine unused this long is closed, and reopens on the next
 *                         request (default 10 min; checked every 30 s)
 * @param duckdbMemoryLimit bytes of memory each open workspace's DuckDB database may use, or 0 for
 *                         DuckDB's default, 80% of RAM for each (default 0). The DuckDB part of the
 *                         server's memory is then bounded by {@code duckdbMemoryLimit x maxOpenWorkspaces}
 */
public record ServerConfig(String host, int port, Path lake, byte[] hmacSecret, RSAPublicKey rsaPublicKey,
                           long maxBodyBytes, long maxValueBytes, Duration queryTimeout, Duration maxQueryTimeout,
                           Duration shutdownTimeout, Duration idleTimeout, int queryThreads, int duckdbThreads,
                           int maxOpenWorkspaces, Duration workspaceIdleTimeout, long duckdbMemoryLimit,
                           Duration connectionIdleTimeout, int maxConnections) {

    public static final int DEFAULT_PORT = 8420;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(lake, "lake");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (hmacSecret == null && rsaPublicKey == null) {
            throw new IllegalArgumentException("Configure an HS256 secret or an RS256 public key to verify tokens.");
        }
        if (hmacSecret != null && hmacSecret.length < 32) {
            throw new IllegalArgumentException("HS256 secret must be at least 32 bytes, got " + hmacSecret.length);
        }
        if (queryThreads <= 0) {
            throw new IllegalArgumentException("queryThreads must be > 0, got " + queryThreads);
        }
        if (duckdbThreads <= 0) {
            throw new IllegalArgumentException("duckdbThreads must be > 0, got " + duckdbThreads);
        }
        // the engine settings check maxOpenWorkspaces, workspaceIdleTimeout and duckdbMemoryLimit
        // (built from the parameters: a compact constructor's fields are not assigned yet)
        new ai.deeplake4j.server.lake.EngineLake.Settings(duckdbThreads, maxOpenWorkspaces, workspaceIdleTimeout, duckdbMemoryLimit);
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("the drain timeout must be zero or more, got " + shutdownTimeout);
        }
        if (connectionIdleTimeout == null || connectionIdleTimeout.toMillis() <= 0) {
            throw new IllegalArgumentException("the connection idle timeout must be at least 1 ms, got " + connectionIdleTimeout);
        }
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections must be > 0, got " + maxConnections);
        }
        if (maxBodyBytes <= 0 || maxValueBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes and maxValueBytes must be > 0");
        }
    }

    /** How the server's lake opens and closes workspace engines. */
    public ai.deeplake4j.server.lake.EngineLake.Settings engineSettings() {
        return new ai.deeplake4j.server.lake.EngineLake.Settings(duckdbThreads, maxOpenWorkspaces, workspaceIdleTimeout,
                duckdbMemoryLimit);
    }

    /** Defaults on {@code lake}; a secret or key must still be set. */
    public static Builder builder(Path lake) {
        return new Builder(lake);
    }

    /** Mutable builder of {@link ServerConfig}. */
    public static final class Builder {
        private final Path lake;
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private byte[] hmacSecret;
        private RSAPublicKey rsaPublicKey;
        private long maxBodyBytes = 16L << 20;
        private long maxValueBytes = 512L << 20;
        private Duration queryTimeout = Duration.ofSeconds(60);
        private Duration maxQueryTimeout = Duration.ofMinutes(10);
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofMinutes(5);
        private int queryThreads = 2 * Runtime.getRuntime().availableProcessors();
        private int duckdbThreads = 1;
        private int maxOpenWorkspaces = 64;
        private Duration workspaceIdleTimeout = Duration.ofMinutes(10);
        private long duckdbMemoryLimit;
        private Duration connectionIdleTimeout = Duration.ofSeconds(30);
        private int maxConnections = 10_000;

        private Builder(Path lake) {
            this.lake = lake;
        }

        public Builder host(String host) { this.host = host; return this; }

        public Builder port(int port) { this.port = port; return this; }

        public Builder hmacSecret(byte[] secret) { this.hmacSecret = secret == null ? null : secret.clone(); return this; }

        public Builder rsaPublicKey(RSAPublicKey key) { this.rsaPublicKey = key; return this; }

        public Builder maxBodyBytes(long bytes) { this.maxBodyBytes = bytes; return this; }

        public Builder maxValueBytes(long bytes) { this.maxValueBytes = bytes; return this; }

        public Builder queryTimeout(Duration timeout) { this.queryTimeout = timeout; return this; }

        public Builder maxQueryTimeout(Duration timeout) { this.maxQueryTimeout = timeout; return this; }

        public Builder shutdownTimeout(Duration timeout) { this.shutdownTimeout = timeout; return this; }

        public Builder idleTimeout(Duration timeout) { this.idleTimeout = timeout; return this; }

        public Builder queryThreads(int threads) { this.queryThreads = threads; return this; }

        public Builder duckdbThreads(int threads) { this.duckdbThreads = threads; return this; }

        public Builder maxOpenWorkspaces(int max) { this.maxOpenWorkspaces = max; return this; }

        public Builder workspaceIdleTimeout(Duration timeout) { this.workspaceIdleTimeout = timeout; return this; }

        public Builder duckdbMemoryLimit(long bytes) { this.duckdbMemoryLimit = bytes; return this; }

        public Builder connectionIdleTimeout(Duration timeout) { this.connectionIdleTimeout = timeout; return this; }

        public Builder maxConnections(int max) { this.maxConnections = max; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, lake, hmacSecret, rsaPublicKey, maxBodyBytes, maxValueBytes,
                    queryTimeout, maxQueryTimeout, shutdownTimeout, idleTimeout, queryThreads, duckdbThreads,
                    maxOpenWorkspaces, workspaceIdleTimeout, duckdbMemoryLimit, connectionIdleTimeout, maxConnections);
        }
    }
}
