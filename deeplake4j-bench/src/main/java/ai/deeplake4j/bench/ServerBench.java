package ai.deeplake4j.bench;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.client.RemoteClient;
import ai.deeplake4j.client.http.HttpTransport;
import ai.deeplake4j.client.http.RetryPolicy;
import ai.deeplake4j.engine.EmbeddedClient;
import ai.deeplake4j.server.DeeplakeServer;
import ai.deeplake4j.server.ServerConfig;
import ai.deeplake4j.server.auth.TokenMinter;
import ai.deeplake4j.server.lake.EngineLake;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 5 benchmark: a server on 127.0.0.1 and {@code CLIENTS} concurrent remote clients (each its
 * own HTTP connection) running {@code SELECT id, text, value FROM bench WHERE id = $1 LIMIT 10}
 * on a {@code ROWS}-row table for {@code SECONDS} seconds (at most 5,000,000 queries); queries/s,
 * p50 and p99 latency, and the server JVM's heap after the load. Also remote ingest of column
 * data against embedded ingest of the same rows. All traffic stays on loopback. Prints a
 * Markdown table for BENCHMARKS.md.
 *
 * <p>Usage: {@code bin/bench server [ROWS] [CLIENTS] [SECONDS]} (defaults 100,000, 32, 20).
 */
public final class ServerBench {

    private static final byte[] SECRET = "bench-secret-bench-secret-bench-secret".getBytes(StandardCharsets.UTF_8);
    private static final long MAX_QUERIES = 5_000_000;

    private ServerBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dir = Files.createTempDirectory("deeplake4j-bench-server");
        List<String> results = new ArrayList<>();

        double embeddedRate = 0;
        if (!Boolean.getBoolean("deeplake4j.skipIngest")) try (EmbeddedClient embedded = EmbeddedClient.open(dir.resolve("embedded"))) {
            embedded.ingest("warmup", rows(10_000));
            Map<String, List<?>> data = rows(rows);
            embeddedRate = rows / Stopwatch.seconds(() -> embedded.ingest("bench", data));
        }

        ServerConfig config = ServerConfig.builder(dir.resolve("served")).port(0).hmacSecret(SECRET)
                .queryThreads(Integer.getInteger("deeplake4j.queryThreads", 2 * Runtime.getRuntime().availableProcessors())).build();
        EngineLake lake = EngineLake.open(config.lake());
        try (DeeplakeServer server = DeeplakeServer.start(config, lake)) {
            String token = new TokenMinter(SECRET).mint("bench", Duration.ofHours(2));
            double remoteRate;
            try (RemoteClient loader = client(server, token)) {
                loader.ingest("warmup", rows(10_000));
                Map<String, List<?>> data = rows(rows);
                remoteRate = rows / Stopwatch.seconds(() -> loader.ingest("bench", data, IngestOptions.defaults()));
            }
            results.add(row("embedded ingest, column data (id, text, value), " + rows + " rows", embeddedRate, "rows/s", ""));
            results.add(row("remote ingest over HTTP, same rows", remoteRate, "rows/s",
                    String.format("%.0f%% of embedded (target ≥ 50%%)", 100 * remoteRate / embeddedRate)));

            // as LakeBench does: measure lookups once background compaction has merged the ingest's files
            ((EmbeddedClient) lake.workspace("bench", "default").client()).engine().awaitMaintenance();
            String duckThreads = System.getProperty("deeplake4j.duckdbThreads");
            if (duckThreads != null) {
                try (var c = ((EmbeddedClient) lake.workspace("bench", "default").client()).engine().newConnection();
                     var st = c.createStatement()) {
                    st.execute("SET threads = " + Integer.parseInt(duckThreads));
                }
            }
            Load load = query(server, token, rows, clients, seconds);
            results.add(row(clients + " clients, `SELECT ... WHERE id = $1 LIMIT 10`, " + rows + " rows, " + seconds + " s",
                    load.queriesPerSecond, "queries/s", "target ≥ 1,000"));
            results.add(row("latency p50", load.p50Millis, "ms", ""));
            results.add(row("latency p99", load.p99Millis, "ms", "target ≤ 100"));
            results.add(row("errors", load.errors, "", ""));
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            long max = Runtime.getRuntime().maxMemory() >> 20;
            results.add(row("JVM heap after the load and a GC (server and clients share it)", heap, "MB", "max heap " + max + " MB"));
        }
        System.out.println("| measure | value | unit | note |");
        System.out.println("|---|---:|---|---|");
        results.forEach(System.out::println);
        deleteTree(dir);
    }

    private record Load(double queriesPerSecond, double p50Millis, double p99Millis, long errors) {
    }

    private static Load query(DeeplakeServer server, String token, int rows, int clients, int seconds) throws Exception {
        try (RemoteClient warm = client(server, token)) {
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < 500; i++) {
                warm.query("SELECT id, text, value FROM bench WHERE id = $1 LIMIT 10", (long) r.nextInt(rows));
            }
        }
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        AtomicLong issued = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos() + Duration.ofSeconds(1).toNanos();
        // one HTTP client (connection pool, selector thread) shared by the client threads, as an
        // application server would; each thread still has its own connection while it waits
        boolean shared = !Boolean.getBoolean("deeplake4j.ownHttpClients");
        HttpTransport sharedTransport = new HttpTransport(server.url(), token, null, RetryPolicy.defaults(), Duration.ofSeconds(10));
        for (int c = 0; c < clients; c++) {
            int id = c;
            latencies[c] = new long[(int) Math.min(2_000_000, MAX_QUERIES)];
            Thread t = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(id);
                RemoteClient client = shared ? new RemoteClient(sharedTransport, "default", Duration.ofSeconds(60)) : client(server, token);
                try {
                    start.await();
                    while (System.nanoTime() < deadline && issued.incrementAndGet() <= MAX_QUERIES && counts[id] < latencies[id].length) {
                        long t0 = System.nanoTime();
                        try {
                            List<Map<String, Object>> result = client.query(
                                    "SELECT id, text, value FROM bench WHERE id = $1 LIMIT 10", (long) random.nextInt(rows));
                            if (result.size() != 1) {
                                errors.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                        latencies[id][counts[id]++] = System.nanoTime() - t0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (!shared) {
                        client.close();
                    }
                }
            }, "bench-client-" + c);
            threads.add(t);
            t.start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        sharedTransport.close();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, k, counts[c]);
            k += counts[c];
        }
        Arrays.sort(all);
        return new Load(total / elapsed, all[(int) (total * 0.50)] / 1e6, all[(int) Math.min(total - 1, total * 0.99)] / 1e6, errors.get());
    }

    private static RemoteClient client(DeeplakeServer server, String token) {
        return new RemoteClient(new HttpTransport(server.url(), token, null, RetryPolicy.defaults(), Duration.ofSeconds(10)),
                "default", Duration.ofSeconds(60));
    }

    private static Map<String, List<?>> rows(int n) {
        List<Long> ids = new ArrayList<>(n);
        List<String> text = new ArrayList<>(n);
        List<Double> value = new ArrayList<>(n);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            ids.add((long) i);
            text.add("row " + i + " lorem ipsum dolor sit amet");
            value.add(r.nextDouble());
        }
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("id", ids);
        data.put("text", text);
        data.put("value", value);
        return data;
    }

    private static String row(String measure, double value, String unit, String note) {
        String v = value >= 100 ? String.format("%,.0f", value) : String.format("%.2f", value);
        return "| " + measure + " | " + v + " | " + unit + " | " + note + " |";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
