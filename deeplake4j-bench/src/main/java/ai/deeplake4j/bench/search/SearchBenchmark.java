package ai.deeplake4j.bench.search;

import ai.deeplake4j.engine.index.IndexType;
import ai.deeplake4j.engine.index.text.TextIndex;
import ai.deeplake4j.engine.index.vector.VectorIndex;
import ai.deeplake4j.engine.search.ExactBm25;
import ai.deeplake4j.engine.search.ExactVectorSearch;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.TextRow;
import ai.deeplake4j.engine.search.VectorRow;
import ai.deeplake4j.engine.search.fusion.Arm;
import ai.deeplake4j.engine.search.fusion.SoftmaxFusion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Benchmark of the search layer (issue 4): index build rate, vector top-10 through HNSW against the
 * exact scan, BM25 top-10 through the index against exact BM25, hybrid top-10 (both indexes and
 * softmax fusion), and vector top-10 with a 10% pre-filter. Data are synthetic and deterministic:
 * clustered 384-d vectors and Zipf-distributed text chunks. Latencies are medians over the queries
 * after a warm-up, measured in the search layer (no SQL).
 *
 * <p>Usage: {@code SearchBenchmark [rows=1000000] [queries=50] [dir=D (default: a temporary directory, deleted at exit)] [threads=2] [words=100] [reuse=0|1] [bm25exact=3]}
 */
public final class SearchBenchmark {
    private static final int DIM = 384;
    private static final int K = 10;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = BenchArgs.integer(args, "rows", 1_000_000);
        int queries = BenchArgs.integer(args, "queries", 50);
        int threads = BenchArgs.integer(args, "threads", 2);
        int words = BenchArgs.integer(args, "words", 100);
        Path dir = BenchArgs.dir(args, "dl4j-bench");
        System.out.printf(Locale.ROOT, "rows=%d dim=%d queries=%d threads=%d words/chunk=%d cores=%d maxHeap=%dMB dir=%s%n",
                rows, DIM, queries, threads, words, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, dir);

        ClusteredData data = new ClusteredData(42, 1000, DIM, 0.6);
        List<VectorRow> vectors = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            vectors.add(new VectorRow(id(i), data.next()));
        }
        SyntheticText text = new SyntheticText(30_000, 7);
        Random tr = new Random(8);
        List<TextRow> texts = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            texts.add(new TextRow(id(i), text.chunk(tr, words)));
        }

        // Build, or reopen the indexes of an earlier run in the same dir (reuse=1).
        boolean reuse = BenchArgs.integer(args, "reuse", 0) == 1 && Files.isDirectory(dir.resolve("embedding"));
        VectorIndex vindex;
        TextIndex tindex;
        if (reuse) {
            vindex = VectorIndex.open(dir.resolve("embedding"));
            tindex = TextIndex.open(dir.resolve("text"));
            System.out.println("reusing the indexes in " + dir);
        } else {
            long t0 = System.nanoTime();
            vindex = VectorIndex.create(dir.resolve("embedding"), "embedding", IndexType.CLUSTERED, DIM);
            vindex.add(vectors, threads);
            vindex.commit(1);
            double vsec = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "build clustered (HNSW) index: %d vectors in %.1f s = %.0f vectors/s%n", rows, vsec, rows / vsec);
            t0 = System.nanoTime();
            tindex = TextIndex.create(dir.resolve("text"), "text", IndexType.BM25);
            tindex.add(texts);
            tindex.commit(1);
            double tsec = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "build bm25 index: %d chunks in %.1f s = %.0f chunks/s%n", rows, tsec, rows / tsec);
        }

        Random qr = new Random(99);
        List<float[]> qv = new ArrayList<>();
        List<String> qt = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            qv.add(data.next());
            qt.add(text.queryWord(qr) + " " + text.queryWord(qr));
        }
        Set<String> filter = new HashSet<>();
        Random fr = new Random(5);
        for (int i = 0; i < rows; i++) {
            if (fr.nextInt(10) == 0) {
                filter.add(id(i));
            }
        }

        // Vector top-10.
        List<List<Hit>> approx = report("vector top-10, index (HNSW, 64 candidates, rescored)", queries,
                i -> vindex.search(qv.get(i), K, null));
        int exactRuns = Math.min(queries, 10);
        List<List<Hit>> exact = report("vector top-10, exact scan (Java, 1 thread)", exactRuns,
                i -> ExactVectorSearch.topK("embedding", qv.get(i), vectors, K, null));
        System.out.printf(Locale.ROOT, "  recall@10 (index vs exact, %d queries) = %.3f%n", exactRuns, recall(approx, exact));

        // Filtered vector top-10.
        List<List<Hit>> fapprox = report("vector top-10, 10% filter (" + filter.size() + " ids), index", queries,
                i -> vindex.search(qv.get(i), K, filter));
        List<List<Hit>> fexact = report("vector top-10, 10% filter, exact scan", exactRuns,
                i -> ExactVectorSearch.topK("embedding", qv.get(i), vectors, K, filter::contains));
        System.out.printf(Locale.ROOT, "  filtered recall@10 = %.3f%n", recall(fapprox, fexact));

        // BM25 top-10.
        List<List<Hit>> bmIndex = report("bm25 top-10, index", queries, i -> tindex.search(qt.get(i), K, null));
        ExactBm25 exactBm25 = tindex.exactScorer();
        int bm25Exact = Math.min(queries, BenchArgs.integer(args, "bm25exact", 3));
        if (bm25Exact > 0) {
            List<List<Hit>> bmExact = report("bm25 top-10, exact (Java, analyzes every chunk)", bm25Exact,
                    i -> exactBm25.topK(qt.get(i), texts, K, null));
            System.out.printf(Locale.ROOT, "  bm25 top-10 overlap (index vs exact) = %.3f%n", recall(bmIndex, bmExact));
        }

        // Hybrid top-10: both arms through their index, softmax fusion, weights 0.7 / 0.3.
        SoftmaxFusion fusion = new SoftmaxFusion();
        report("hybrid top-10 (both indexes, softmax 0.7/0.3)", queries, i -> fusion.fuse(List.of(
                new Arm("vector", vindex.search(qv.get(i), K, null), 0.7),
                new Arm("bm25", tindex.search(qt.get(i), K, null), 0.3)), K));
        if (bm25Exact > 0) {
            report("hybrid top-10, exact arms (vector scan + exact bm25)", Math.min(2, bm25Exact), i -> fusion.fuse(List.of(
                    new Arm("vector", ExactVectorSearch.topK("embedding", qv.get(i), vectors, K, null), 0.7),
                    new Arm("bm25", exactBm25.topK(qt.get(i), texts, K, null), 0.3)), K));
        }

        vindex.close();
        tindex.close();
    }

    private static String id(int i) {
        return String.format(Locale.ROOT, "0190%04x-0000-7000-8000-%012x", i >>> 16, i);
    }

    private interface Run {
        List<Hit> run(int i);
    }

    /** Runs queries 0..n-1 after a warm-up; prints median and p90; returns the results in order. */
    private static List<List<Hit>> report(String what, int n, Run run) {
        int warmUp = n >= 20 ? 10 : 1;
        for (int i = 0; i < warmUp; i++) {
            run.run(i);
        }
        double[] ms = new double[n];
        List<List<Hit>> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            results.add(run.run(i));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-58s median %9.2f ms  p90 %9.2f ms  (n=%d)%n", what, ms[n / 2], ms[(int) (n * 0.9)], n);
        return results;
    }

    /** Mean fraction of the exact top-k found by the approximate one, over the exact queries. */
    private static double recall(List<List<Hit>> approx, List<List<Hit>> exact) {
        double sum = 0;
        for (int i = 0; i < exact.size(); i++) {
            Set<String> truth = new HashSet<>();
            exact.get(i).forEach(h -> truth.add(h.id()));
            sum += approx.get(i).stream().filter(h -> truth.contains(h.id())).count() / (double) Math.max(1, truth.size());
        }
        return sum / exact.size();
    }

    /** Clustered vectors, as the tests' generator. */
    static final class ClusteredData {
        private final float[][] centroids;
        private final Random random;
        private final double spread;

        ClusteredData(long seed, int clusters, int dim, double spread) {
            random = new Random(seed);
            this.spread = spread;
            centroids = new float[clusters][dim];
            for (float[] c : centroids) {
                for (int j = 0; j < dim; j++) {
                    c[j] = (float) random.nextGaussian();
                }
            }
        }

        float[] next() {
            float[] c = centroids[random.nextInt(centroids.length)];
            float[] v = new float[c.length];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (c[j] + spread * random.nextGaussian());
            }
            return v;
        }
    }
}
