package ai.deeplake4j.bench.server;

import ai.deeplake4j.bench.TempDirs;
import ai.deeplake4j.client.RemoteClient;
import ai.deeplake4j.client.http.HttpTransport;
import ai.deeplake4j.client.http.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 11.5 benchmark: does a server's memory reach a plateau under a long mixed load? A server
 * process on 127.0.0.1 (its own JVM, options as {@code bin/deeplake4j serve}), a 100,000-row table,
 * and {@code CLIENTS} (default 32) remote clients for {@code MINUTES} (default 10), each running
 * point queries ({@code SELECT id, text, value FROM bench WHERE id = $1}) and, one operation in
 * {@link #INSERT_EVERY}, a one-row {@code INSERT} into another table (each a commit). The server's
 * RSS (VmRSS of /proc/PID/status) is sampled every 10 s. The check: the largest sample of the second
 * half (the last 5 minutes of 10) is within 10% of the sample at half time (minute 5). Prints the
 * samples and the check as Markdown for BENCHMARKS.md.
 *
 * <p>Usage: {@code bin/bench server memory [MINUTES] [CLIENTS]}; every loop is bounded by the
 * run's end.
 */
public final class MemoryBench {

    /** One operation in this many is a one-row INSERT. */
    static final int INSERT_EVERY = 20;
    private static final int ROWS = 100_000;
    private static final long SAMPLE_MS = 10_000;

    private MemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path dir = TempDirs.create("deeplake4j-bench-memory");
        List<long[]> samples = new ArrayList<>(); // seconds, RSS KiB, queries, inserts, errors
        AtomicLong queries = new AtomicLong();
        AtomicLong inserts = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long rssAtStart;
        try (ServerProcess server = ServerProcess.start(dir.resolve("lake"), dir.resolve("server.log"))) {
            String token = server.token("bench");
            HttpTransport transport = new HttpTransport(server.url(), token, null, RetryPolicy.defaults(), Duration.ofSeconds(10));
            RemoteClient setup = new RemoteClient(transport, "default", Duration.ofSeconds(60));
            setup.ingest("bench", ai.deeplake4j.bench.ServerBench.rows(ROWS));
            setup.query("CREATE TABLE events (id BIGINT, client INTEGER, text TEXT)");
            rssAtStart = server.rssKib();

            long start = System.nanoTime();
            long end = start + (long) (minutes * 60e9);
            List<Thread> threads = new ArrayList<>();
            AtomicLong nextId = new AtomicLong();
            for (int c = 0; c < clients; c++) {
                int id = c;
                Thread t = new Thread(() -> {
                    RemoteClient client = new RemoteClient(transport, "default", Duration.ofSeconds(60));
                    SplittableRandom random = new SplittableRandom(id);
                    while (System.nanoTime() < end) {
                        try {
                            if (random.nextInt(INSERT_EVERY) == 0) {
                                client.query("INSERT INTO events (id, client, text) VALUES ($1, $2, $3)",
                                        nextId.incrementAndGet(), id, "event of client " + id);
                                inserts.incrementAndGet();
                            } else {
                                client.query("SELECT id, text, value FROM bench WHERE id = $1", (long) random.nextInt(ROWS));
                                queries.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                    }
                }, "memory-client-" + c);
                threads.add(t);
                t.start();
            }
            for (long next = start; next < end; next += TimeUnit.MILLISECONDS.toNanos(SAMPLE_MS)) {
                Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime())));
                samples.add(new long[] {Math.round((System.nanoTime() - start) / 1e9), server.rssKib(), queries.get(), inserts.get(), errors.get()});
            }
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(2));
            }
            samples.add(new long[] {Math.round((System.nanoTime() - start) / 1e9), server.rssKib(), queries.get(), inserts.get(), errors.get()});
            transport.close();
        }
        print(minutes, clients, rssAtStart, samples);
    }

    private static void print(double minutes, int clients, long rssAtStart, List<long[]> samples) {
        System.out.println("| time (s) | server RSS (MB) | queries so far | inserts so far | errors so far |");
        System.out.println("|---:|---:|---:|---:|---:|");
        System.out.printf("| before the load | %,d | | | |%n", rssAtStart >> 10);
        for (long[] s : samples) {
            System.out.printf("| %d | %,d | %,d | %,d | %,d |%n", s[0], s[1] >> 10, s[2], s[3], s[4]);
        }
        double half = minutes * 60 / 2;
        long[] atHalf = samples.get(0);
        for (long[] s : samples) {
            if (Math.abs(s[0] - half) < Math.abs(atHalf[0] - half)) {
                atHalf = s;
            }
        }
        long maxLater = 0;
        for (long[] s : samples) {
            if (s[0] > atHalf[0]) {
                maxLater = Math.max(maxLater, s[1]);
            }
        }
        long[] last = samples.get(samples.size() - 1);
        double growth = 100.0 * (maxLater - atHalf[1]) / atHalf[1];
        System.out.printf("%n%d clients for %.1f min: %,d queries and %,d inserts (%,.0f operations/s), %,d errors.%n",
                clients, minutes, last[2], last[3], (last[2] + last[3]) / Math.max(1.0, last[0]), last[4]);
        System.out.printf("Plateau check: largest RSS after %d s is %,d MB, %+.1f%% of the %,d MB at %d s (target within 10%%): %s%n",
                atHalf[0], maxLater >> 10, growth, atHalf[1] >> 10, atHalf[0], growth <= 10 ? "PASS" : "FAIL");
    }
}
