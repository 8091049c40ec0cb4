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
 * <p>Before the measured {@code SECONDS}, the same clients run the same load for
 * {@code deeplake4j.benchWarmupSeconds} (default 10) so that the JIT has compiled the hot paths: a
 * long-running server is measured, not its first seconds (in a 20 s run without it, C2
 * compilation alone took about a quarter of the CPU). The CPU of the measured phase is split by
 * thread: the server's request threads (HTTP, auth, JSON, SQL path and the DuckDB call made on
 * them), the client threads (the 32 callers and the JDK HTTP client's threads), and the rest of
 * the process (GC, JIT, DuckDB's own worker threads, Jetty's selector).
 *
 * <p>Usage: {@code bin/bench server [ROWS] [CLIENTS] [SECONDS]} (defaults 100,000, 32, 20);
 * {@code bin/bench server slow-clients [N]} runs {@link ai.deeplake4j.bench.server.SlowClientBench}
 * and {@code bin/bench server memory [MINUTES] [CLIENTS]} {@link ai.deeplake4j.bench.server.MemoryBench}.
 * System properties for experiments: {@code deeplake4j.benchSql} (the measured statement),
 * {@code deeplake4j.benchWarmupSeconds} (load before the measurement, 0 for none),
 * {@code deeplake4j.queryThreads} (server permits, default 2 x cores), {@code deeplake4j.duckdbThreads}
 * (DuckDB threads of each served workspace, default the server's: 1), {@code deeplake4j.skipIngest} (no embedded ingest),
 * {@code deeplake4j.ownHttpClients} (one HTTP client per client thread).
 */
public final class ServerBench {

    private static final byte[] SECRET = "bench-secret-bench-secret-bench-secret".getBytes(StandardCharsets.UTF_8);
    private static final long MAX_QUERIES = 5_000_000;
    /** The measured statement; {@code -Ddeeplake4j.benchSql=...} swaps it (e.g. {@code SELECT $1 AS id} for the HTTP cost alone). */
    private static final String LOOKUP = System.getProperty("deeplake4j.benchSql", "SELECT id, text, value FROM bench WHERE id = $1 LIMIT 10");

    private ServerBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("slow-clients")) {
            ai.deeplake4j.bench.server.SlowClientBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("memory")) {
            ai.deeplake4j.bench.server.MemoryBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dir = TempDirs.create("deeplake4j-bench-server");
        List<String> results = new ArrayList<>();

        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double embeddedRate = 0;
        double embeddedCpuRate = 0;
        if (!Boolean.getBoolean("deeplake4j.skipIngest")) try (EmbeddedClient embedded = EmbeddedClient.open(dir.resolve("embedded"))) {
            embedded.ingest("warmup", rows(10_000));
            Map<String, List<?>> data = rows(rows);
            long cpu0 = cpuNanos();
            embeddedRate = rows / Stopwatch.seconds(() -> embedded.ingest("bench", data));
            embeddedCpuRate = rows / ((cpuNanos() - cpu0) / 1e9);
        }

        ServerConfig.Builder builder = ServerConfig.builder(dir.resolve("served")).port(0).hmacSecret(SECRET);
        if (Integer.getInteger("deeplake4j.queryThreads") != null) {
            builder.queryThreads(Integer.getInteger("deeplake4j.queryThreads"));
        }
        if (Integer.getInteger("deeplake4j.duckdbThreads") != null) {
            builder.duckdbThreads(Integer.getInteger("deeplake4j.duckdbThreads"));
        }
        ServerConfig config = builder.build();
        EngineLake lake = EngineLake.open(config.lake(), config.engineSettings());
        try (DeeplakeServer server = DeeplakeServer.start(config, lake)) {
            String token = new TokenMinter(SECRET).mint("bench", Duration.ofHours(2));
            double remoteRate;
            double remoteCpuRate;
            try (RemoteClient loader = client(server, token)) {
                loader.ingest("warmup", rows(10_000));
                Map<String, List<?>> data = rows(rows);
                long cpu0 = cpuNanos();
                remoteRate = rows / Stopwatch.seconds(() -> loader.ingest("bench", data, IngestOptions.defaults()));
                remoteCpuRate = rows / ((cpuNanos() - cpu0) / 1e9);
            }
            results.add(row("embedded ingest, column data (id, text, value), " + rows + " rows", embeddedRate, "rows/s",
                    String.format("%,.0f rows per CPU s", embeddedCpuRate)));
            results.add(row("remote ingest over HTTP (client and server in this JVM), same rows", remoteRate, "rows/s",
                    String.format("%.0f%% of embedded (target ≥ 50%%); %,.0f rows per CPU s", 100 * remoteRate / embeddedRate, remoteCpuRate)));

            // as LakeBench does: measure lookups once background compaction has merged the ingest's files
            int files = lake.withEngine("bench", "default", c -> {
                c.engine().awaitMaintenance();
                return c.engine().table("bench").dataFiles().size();
            });
            warmUp(server, token, rows);
            int warmup = Integer.getInteger("deeplake4j.benchWarmupSeconds", 10);
            if (warmup > 0) {
                query(server, token, rows, clients, warmup);
            }
            Load load = query(server, token, rows, clients, seconds);
            results.add(row(clients + " clients, `" + LOOKUP + "`, " + rows + " rows, " + seconds + " s after " + warmup + " s of warm-up",
                    load.queriesPerSecond, "queries/s", "target ≥ 1,000"));
            results.add(row("queries per CPU second of this JVM (server and the " + clients + " clients)", load.queriesPerCpuSecond, "queries/CPU s",
                    String.format("= %,.0f queries/s on 2 idle cores", 2 * load.queriesPerCpuSecond)));
            results.add(row("CPU per query: server request threads (HTTP, auth, JSON, SQL path, DuckDB call)", load.serverCpuMillis, "ms", ""));
            results.add(row("CPU per query: client threads (callers and JDK HTTP client)", load.clientCpuMillis, "ms", ""));
            results.add(row("CPU per query: rest of the process (GC, JIT, DuckDB workers, selectors)", load.otherCpuMillis, "ms", ""));
            results.add(row("data files of the queried table", files, "files", "after background compaction"));
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
        System.out.printf("%nload average %.1f at the start, %.1f at the end%n", loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One measured phase; the CPU figures are milliseconds of CPU per query. */
    private record Load(double queriesPerSecond, double queriesPerCpuSecond, double p50Millis, double p99Millis, long errors,
                        double serverCpuMillis, double clientCpuMillis, double otherCpuMillis) {
    }

    /** CPU nanoseconds by thread id of the live Java threads whose names start with one of {@code prefixes}. */
    private static Map<Long, Long> threadCpu(String... prefixes) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && Arrays.stream(prefixes).anyMatch(info.getThreadName()::startsWith)) {
                cpu.put(info.getThreadId(), Math.max(0, mx.getThreadCpuTime(info.getThreadId())));
            }
        }
        return cpu;
    }

    /** CPU nanoseconds the threads alive at the end used since {@code before} (threads started since count from zero). */
    private static long cpuSince(Map<Long, Long> before, String... prefixes) {
        long total = 0;
        for (Map.Entry<Long, Long> e : threadCpu(prefixes).entrySet()) {
            total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return total;
    }

    /** Thread-name prefixes of the server's request threads (Javalin names its Jetty pool so). */
    private static final String[] SERVER_THREADS = {"JettyServerThreadPool"};
    /** Thread-name prefixes of the JDK HTTP client's threads (the callers add up their own CPU time). */
    private static final String[] HTTP_CLIENT_THREADS = {"HttpClient-"};

    /** Sequential queries before the load: first touches (view creation, class loading) out of the way. */
    private static void warmUp(DeeplakeServer server, String token, int rows) {
        try (RemoteClient warm = client(server, token)) {
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < 500; i++) {
                warm.query("SELECT id, text, value FROM bench WHERE id = $1 LIMIT 10", (long) r.nextInt(rows));
            }
        }
    }

    /** CPU time of this process, all threads. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Load query(DeeplakeServer server, String token, int rows, int clients, int seconds) throws Exception {
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        AtomicLong issued = new AtomicLong();
        AtomicLong callersCpu = new AtomicLong();
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
                            List<Map<String, Object>> result = client.query(LOOKUP, (long) random.nextInt(rows));
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
                    // read by the thread itself: a finished thread's CPU time can no longer be read
                    callersCpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                }
            }, "bench-client-" + c);
            threads.add(t);
            t.start();
        }
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        Map<Long, Long> server0 = threadCpu(SERVER_THREADS);
        Map<Long, Long> http0 = threadCpu(HTTP_CLIENT_THREADS);
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long serverCpu = cpuSince(server0, SERVER_THREADS);
        long clientCpu = cpuSince(http0, HTTP_CLIENT_THREADS) + callersCpu.get();
        double cpu = (cpuNanos() - cpu0) / 1e9;
        sharedTransport.close();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, k, counts[c]);
            k += counts[c];
        }
        Arrays.sort(all);
        double perQuery = 1e6 * total;
        return new Load(total / elapsed, total / cpu, all[(int) (total * 0.50)] / 1e6, all[(int) Math.min(total - 1, total * 0.99)] / 1e6, errors.get(),
                serverCpu / perQuery, clientCpu / perQuery, Math.max(0, cpu * 1e9 - serverCpu - clientCpu) / perQuery);
    }

    private static RemoteClient client(DeeplakeServer server, String token) {
        return new RemoteClient(new HttpTransport(server.url(), token, null, RetryPolicy.defaults(), Duration.ofSeconds(10)),
                "default", Duration.ofSeconds(60));
    }

    /** {@code n} rows of the server benchmarks' table: id, a short text, a random value (seeded). */
    public static Map<String, List<?>> rows(int n) {
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
}
