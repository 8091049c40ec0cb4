package ai.deeplake4j.bench.search;

import ai.deeplake4j.engine.EmbeddedClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * End-to-end benchmark of search through SQL on the embedded client (issue 4): the seeds' query
 * shapes timed with {@code client.query}, exact routes first (no index), then through the indexes
 * built by {@code createIndex}. Same synthetic data as {@link SearchBenchmark}.
 *
 * <p>Usage: {@code SearchSqlBenchmark [rows=200000] [queries=30] [words=100] [warmup=50] [dir=D (default: a temporary directory, deleted at exit)]}.
 * The index routes are timed after {@code warmup} rounds of the four queries with other query
 * vectors and words (JIT warm-up; the measured queries are never run before). With
 * {@code dir=D} naming a lake of an earlier run (same rows and words), ingest and index builds are
 * skipped and only the queries are timed again.
 */
public final class SearchSqlBenchmark {
    private static final int DIM = 384;

    private SearchSqlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = BenchArgs.integer(args, "rows", 200_000);
        int queries = BenchArgs.integer(args, "queries", 30);
        int words = BenchArgs.integer(args, "words", 100);
        int warmup = BenchArgs.integer(args, "warmup", 50);
        Path dir = BenchArgs.dir(args, "dl4j-sql-bench");
        boolean reuse = Files.exists(dir.resolve("catalog.db")); // a new temporary directory is empty
        System.out.printf(Locale.ROOT, "rows=%d dim=%d queries=%d cores=%d maxHeap=%dMB lake=%s%n", rows, DIM, queries,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, dir);
        SearchBenchmark.ClusteredData data = new SearchBenchmark.ClusteredData(42, 1000, DIM, 0.6);
        SyntheticText text = new SyntheticText(30_000, 7);
        Random tr = new Random(8);
        try (EmbeddedClient client = EmbeddedClient.open(dir)) {
            long t0 = System.nanoTime();
            int batch = 20_000;
            for (int r = 0; r < rows && reuse; r++) {
                text.chunk(tr, words); // the generators advance as if ingesting, so the queries are the same
                data.next();
            }
            for (int from = 0; from < rows && !reuse; from += batch) {
                int n = Math.min(batch, rows - from);
                List<Long> ids = new ArrayList<>(n);
                List<String> texts = new ArrayList<>(n);
                List<float[]> vectors = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ids.add((long) (from + i));
                    texts.add(text.chunk(tr, words));
                    vectors.add(data.next());
                }
                Map<String, List<?>> cols = new LinkedHashMap<>();
                cols.put("id", ids);
                cols.put("text", texts);
                cols.put("embedding", vectors);
                client.ingest("chunks", cols);
            }
            System.out.printf(Locale.ROOT, "ingest: %d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);

            Random qr = new Random(99);
            List<float[]> qv = new ArrayList<>();
            List<String> qt = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                qv.add(data.next());
                qt.add(text.queryWord(qr) + " " + text.queryWord(qr));
            }
            // Warm-up queries of their own (drawn after the measured ones, so those stay the same):
            // the JIT compiles the search and fetch paths before any measured query runs.
            List<float[]> wv = new ArrayList<>();
            List<String> wt = new ArrayList<>();
            for (int i = 0; i < warmup; i++) {
                wv.add(data.next());
                wt.add(text.queryWord(qr) + " " + text.queryWord(qr));
            }
            String vector = "SELECT id, text, embedding <#> $1 AS similarity FROM chunks ORDER BY similarity DESC LIMIT 10";
            String filtered = "SELECT id, text, embedding <#> $1 AS similarity FROM chunks WHERE id % 10 = 3 ORDER BY similarity DESC LIMIT 10";
            String bm25 = "SELECT id, text, text <#> $1 AS score FROM chunks ORDER BY score DESC LIMIT 10";
            String hybrid = "SELECT id, text, (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2, 0.7, 0.3) "
                    + "AS score FROM chunks ORDER BY score DESC LIMIT 10";

            int exactN = Math.min(queries, 10);
            List<Set<Object>> exactTop;
            List<Set<Object>> exactFiltered;
            if (!reuse) {
                exactTop = time("vector top-10, exact (DuckDB list_cosine_similarity)", exactN, i -> client.query(vector, qv.get(i)));
                exactFiltered = time("vector top-10, 10% filter, exact (DuckDB)", exactN, i -> client.query(filtered, qv.get(i)));
                time("bm25 top-10, exact (Java BM25 over the column)", Math.min(queries, 3), i -> client.query(bm25, qt.get(i)));
                time("hybrid top-10, exact arms", Math.min(queries, 3), i -> client.query(hybrid, qv.get(i), qt.get(i)));
            } else {
                // The indexes exist: the exact answers come from DuckDB's own function, which <#> never routes to an index.
                String exactVector = "SELECT id FROM chunks ORDER BY list_cosine_similarity(embedding, $1) DESC LIMIT 10";
                String exactFilteredSql = "SELECT id FROM chunks WHERE id % 10 = 3 ORDER BY list_cosine_similarity(embedding, $1) DESC LIMIT 10";
                exactTop = time("vector top-10, exact (DuckDB list_cosine_similarity)", exactN, i -> client.query(exactVector, qv.get(i)));
                exactFiltered = time("vector top-10, 10% filter, exact (DuckDB)", exactN, i -> client.query(exactFilteredSql, qv.get(i)));
            }

            if (!reuse) {
                buildIndexes(client, rows);
            }

            for (int i = 0; i < warmup; i++) {
                client.query(vector, wv.get(i));
                client.query(filtered, wv.get(i));
                client.query(bm25, wt.get(i));
                client.query(hybrid, wv.get(i), wt.get(i));
            }
            List<Set<Object>> indexTop = time("vector top-10, index", queries, i -> client.query(vector, qv.get(i)));
            System.out.printf(Locale.ROOT, "  recall@10 = %.3f%n", recall(indexTop, exactTop));
            List<Set<Object>> indexFiltered = time("vector top-10, 10% filter, index", queries, i -> client.query(filtered, qv.get(i)));
            System.out.printf(Locale.ROOT, "  filtered recall@10 = %.3f%n", recall(indexFiltered, exactFiltered));
            time("bm25 top-10, index", queries, i -> client.query(bm25, qt.get(i)));
            time("hybrid top-10, indexes", queries, i -> client.query(hybrid, qv.get(i), qt.get(i)));
            System.out.println(client.query("EXPLAIN " + filtered, qv.get(0)).getFirst().get("explain_value"));
        }
    }

    private static void buildIndexes(EmbeddedClient client, int rows) {
        long t0 = System.nanoTime();
        client.createIndex("chunks", "embedding");
        double vs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "createIndex embedding (clustered): %.1f s = %.0f vectors/s (read + build)%n", vs, rows / vs);
        t0 = System.nanoTime();
        client.createIndex("chunks", "text");
        double ts = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "createIndex text (bm25): %.1f s = %.0f chunks/s%n", ts, rows / ts);

    }

    private interface Query {
        List<Map<String, Object>> run(int i);
    }

    private static List<Set<Object>> time(String what, int n, Query q) {
        int warm = n >= 20 ? 5 : 1;
        for (int i = 0; i < warm; i++) {
            q.run(i);
        }
        double[] ms = new double[n];
        List<Set<Object>> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            List<Map<String, Object>> rows = q.run(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
            Set<Object> s = new HashSet<>();
            rows.forEach(r -> s.add(r.get("id")));
            ids.add(s);
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-52s median %9.2f ms  p90 %9.2f ms  (n=%d)%n", what, ms[n / 2], ms[(int) (n * 0.9)], n);
        return ids;
    }

    private static double recall(List<Set<Object>> approx, List<Set<Object>> exact) {
        double sum = 0;
        for (int i = 0; i < exact.size(); i++) {
            Set<Object> hit = new HashSet<>(approx.get(i));
            hit.retainAll(exact.get(i));
            sum += hit.size() / (double) Math.max(1, exact.get(i).size());
        }
        return sum / exact.size();
    }
}
