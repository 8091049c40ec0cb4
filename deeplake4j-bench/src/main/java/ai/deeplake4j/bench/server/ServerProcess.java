package ai.deeplake4j.bench.server;

import ai.deeplake4j.server.auth.TokenMinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A deeplake4j server in its own JVM ({@code ServerMain} on this class path, 127.0.0.1, a free
 * port), so that its memory (RSS) and threads are its own and not the load generator's. The JVM
 * options are those of {@code bin/deeplake4j serve}, its default fixed heap ({@value #SERVE_HEAP_MIN}
 * {@value #SERVE_HEAP}) included, plus {@code -Ddeeplake4j.serverJavaOpts} (space-separated, e.g. {@code -Xmx4g}, which
 * wins). Closing sends SIGTERM and waits for the exit.
 */
final class ServerProcess implements AutoCloseable {

    /** bin/deeplake4j serve's default fixed heap (DEEPLAKE4J_SERVE_HEAP, as -Xms and -Xmx). */
    static final String SERVE_HEAP_MIN = "-Xms1g";
    static final String SERVE_HEAP = "-Xmx1g";

    static final byte[] SECRET = "bench-secret-bench-secret-bench-secret".getBytes(StandardCharsets.UTF_8);

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server on lake {@code lake}; its output goes to {@code log}. */
    static ServerProcess start(Path lake, Path log) throws IOException, InterruptedException {
        Path portFile = lake.resolveSibling(lake.getFileName() + ".port");
        Files.deleteIfExists(portFile);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED", SERVE_HEAP_MIN, SERVE_HEAP));
        String extra = System.getProperty("deeplake4j.serverJavaOpts", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "ai.deeplake4j.server.ServerMain",
                "--lake", lake.toString(), "--host", "127.0.0.1", "--port", "0", "--port-file", portFile.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DEEPLAKE4J_SERVER_SECRET", new String(SECRET, StandardCharsets.UTF_8));
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(portFile)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("The server did not start within 120 s; see " + log);
            }
            Thread.sleep(100);
        }
        return new ServerProcess(p, Integer.parseInt(Files.readString(portFile).trim()));
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** A two-hour token of organization {@code org}. */
    String token(String org) {
        return new TokenMinter(SECRET).mint(org, Duration.ofHours(2));
    }

    /** The server's resident memory (VmRSS of /proc/PID/status), in KiB; -1 once it has exited. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
        return -1;
    }

    /** SIGTERM, then up to 60 s for the exit, then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
