package ai.deeplake4j.bench.server;

import ai.deeplake4j.bench.TempDirs;
import ai.deeplake4j.client.RemoteClient;
import ai.deeplake4j.client.http.HttpTransport;
import ai.deeplake4j.client.http.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue 11.3 benchmark: {@code N} connections (default 1,000) to a server process on 127.0.0.1 that
 * each send {@code Content-Length: 1000} and then 9 bytes, without a token, and stay silent; then,
 * while they are open, 50 {@code GET /health} and 50 authenticated point queries, one after the
 * other, each timed (target: every one within 1 s); then whether the server closed the silent
 * connections after its 30 s connection idle timeout. Bounded: at most about 90 s. Prints a
 * Markdown table for BENCHMARKS.md.
 *
 * <p>Usage: {@code bin/bench server slow-clients [N]}.
 */
public final class SlowClientBench {

    private static final String PARTIAL = "POST /workspaces/default/tables/query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\":";
    private static final int PROBES = 50;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private SlowClientBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = TempDirs.create("deeplake4j-bench-slow-clients");
        List<String> rows = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dir.resolve("lake"), dir.resolve("server.log"))) {
            String token = server.token("bench");
            try (RemoteClient client = new RemoteClient(new HttpTransport(server.url(), token, null, RetryPolicy.none(),
                    Duration.ofSeconds(10)), "default", Duration.ofSeconds(10))) {
                client.query("SELECT 1 AS one"); // opens the workspace before the slow clients come
                List<Socket> slow = new ArrayList<>(n);
                try {
                    long t0 = System.nanoTime();
                    long openUntil = t0 + TimeUnit.SECONDS.toNanos(30);
                    for (int i = 0; i < n && System.nanoTime() < openUntil; i++) {
                        Socket s = new Socket();
                        slow.add(s);
                        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                        OutputStream out = s.getOutputStream();
                        out.write(PARTIAL.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    long opened = System.nanoTime();
                    rows.add(row("slow connections open (Content-Length 1000, 9 bytes sent, no token)", slow.size(), "",
                            String.format("opened in %.1f s", (opened - t0) / 1e9)));
                    Thread.sleep(500);

                    long[] health = new long[PROBES];
                    long[] query = new long[PROBES];
                    int failures = 0;
                    for (int i = 0; i < PROBES; i++) {
                        long a = System.nanoTime();
                        if (!health(server.port()).startsWith("HTTP/1.1 200")) {
                            failures++;
                        }
                        health[i] = System.nanoTime() - a;
                        a = System.nanoTime();
                        try {
                            if (client.query("SELECT $1 AS id", (long) i).size() != 1) {
                                failures++;
                            }
                        } catch (RuntimeException e) {
                            failures++;
                        }
                        query[i] = System.nanoTime() - a;
                    }
                    Arrays.sort(health);
                    Arrays.sort(query);
                    rows.add(row("GET /health meanwhile, p50", health[PROBES / 2] / 1e6, "ms", PROBES + " requests, one at a time"));
                    rows.add(row("GET /health meanwhile, max", health[PROBES - 1] / 1e6, "ms", "target ≤ 1,000"));
                    rows.add(row("authenticated query meanwhile, p50", query[PROBES / 2] / 1e6, "ms", "`SELECT $1 AS id` through RemoteClient"));
                    rows.add(row("authenticated query meanwhile, max", query[PROBES - 1] / 1e6, "ms", "target ≤ 1,000"));
                    rows.add(row("failed or refused probes", failures, "", ""));

                    long idleEnd = opened + IDLE_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(10);
                    Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(idleEnd - System.nanoTime())));
                    int closed = 0;
                    for (Socket s : slow) {
                        if (closedByServer(s)) {
                            closed++;
                        }
                    }
                    rows.add(row("slow connections the server had closed " + (IDLE_TIMEOUT.toSeconds() + 10) + " s after they went silent",
                            closed, "", "connection idle timeout " + IDLE_TIMEOUT.toSeconds() + " s"));
                } finally {
                    for (Socket s : slow) {
                        s.close();
                    }
                }
            }
        }
        System.out.println("| measure | value | unit | note |");
        System.out.println("|---|---:|---|---|");
        rows.forEach(System.out::println);
    }

    /** {@code GET /health} on a new connection, with a 5 s read timeout; the status line, or the error. */
    private static String health(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** True when the server closed {@code s} (what it sent before closing, e.g. a 408, is skipped). */
    private static boolean closedByServer(Socket s) {
        try {
            s.setSoTimeout(50);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String row(String measure, double value, String unit, String note) {
        String v = value >= 100 ? String.format("%,.0f", value) : value == Math.rint(value) ? String.format("%.0f", value) : String.format("%.2f", value);
        return "| " + measure + " | " + v + " | " + unit + " | " + note + " |";
    }
}
