package ai.deeplake4j.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for one test run: {@code initdb} into a temporary directory, a
 * server on a free loopback port (no other address, no Unix socket outside that directory),
 * stopped and deleted by {@link #close()}. It is the reference the conformance suite compares
 * deeplake4j with, so it is the real server from the Debian {@code postgresql} package (15 or
 * newer, found under {@code /usr/lib/postgresql/<major>/bin}, or in {@code $DEEPLAKE4J_PG_BIN}).
 *
 * <p>{@code initdb} refuses to run as root; when the test runs as root (as CI does) the server's
 * programs run as the {@code postgres} system user through {@code runuser}, with the data
 * directory owned by it. The cluster uses the C collation and UTF-8, so text sorts by code
 * point, as DuckDB sorts it.
 */
final class PostgresCluster implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresCluster(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * Creates and starts a cluster.
     *
     * @throws IllegalStateException when no PostgreSQL 15+ server is installed (the message says
     *                               which package to install) or it does not start
     */
    static PostgresCluster start() {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("deeplake4j-pg-");
            PostgresCluster cluster = new PostgresCluster(bin, dir, freePort(), root);
            if (root) {
                run(List.of("chown", "postgres:postgres", dir.toString()), 30);
            }
            cluster.runPg(List.of(bin.resolve("initdb").toString(), "-D", cluster.data().toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), 120);
            cluster.runPg(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.data().toString(), "-w", "-t", "60",
                    "-l", dir.resolve("server.log").toString(), "-o",
                    "-p " + cluster.port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c TimeZone=UTC", "start"), 90);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up the PostgreSQL reference cluster", e);
        }
    }

    /** A new connection to database {@code db} as the superuser {@code postgres}. */
    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=postgres");
    }

    /** The server's major version, e.g. 15. */
    int majorVersion() throws SQLException {
        try (Connection c = connect("postgres")) {
            return c.getMetaData().getDatabaseMajorVersion();
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    @Override
    public void close() {
        try {
            runPg(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"), 60);
        } finally {
            deleteTree(dir);
        }
    }

    private void runPg(List<String> command, int timeoutSeconds) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, timeoutSeconds);
    }

    private static void run(List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Timed out after " + timeoutSeconds + " s: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("Failed (exit " + p.exitValue() + "): " + command + "\n" + new String(out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + command, e);
        }
    }

    private static Path findBin() {
        String env = System.getenv("DEEPLAKE4J_PG_BIN");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                var found = versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .filter(v -> Integer.parseInt(v.getFileName().toString()) >= 15)
                        .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())));
                if (found.isPresent()) {
                    return found.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No PostgreSQL 15+ server found under /usr/lib/postgresql: the conformance suite"
                + " compares with a real PostgreSQL. Install it (apt-get install postgresql; bin/test does this on Debian)"
                + " or point DEEPLAKE4J_PG_BIN at its bin directory.");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the PostgreSQL cluster in " + root, e);
        }
    }
}
