package ai.deeplake4j.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One measured query kind on one system over all rounds: latencies, CPU, and recall@10 against
 * the kit's exact ground truth where it has one.
 */
final class Measure {
    private final List<Double> millis = new ArrayList<>();
    private double cpuMillis;
    private int ops;
    private double recallSum;
    private int recallQueries;
    private int full;

    void add(double wallMillis) {
        millis.add(wallMillis);
    }

    void cpu(double millisTotal, int n) {
        cpuMillis += millisTotal;
        ops += n;
    }

    void recall(List<Long> got, List<Long> truth) {
        Set<Long> t = Set.copyOf(truth);
        recallSum += got.stream().filter(t::contains).count() / 10.0;
        recallQueries++;
        if (got.size() == 10) {
            full++;
        }
    }

    /** Folds another system's reported figures in (LanceDB's driver reports medians, not samples). */
    void addReported(double medianMillis, double cpuPerOp, int n, Double recall, Integer returning10) {
        for (int i = 0; i < n; i++) {
            millis.add(medianMillis);
        }
        cpuMillis += cpuPerOp * n;
        ops += n;
        if (recall != null) {
            recallSum += recall * n;
            recallQueries += n;
            full += returning10 == null ? 0 : returning10;
        }
    }

    boolean isEmpty() {
        return millis.isEmpty();
    }

    double medianMillis() {
        double[] s = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    double cpuMillisPerOp() {
        return ops == 0 ? Double.NaN : cpuMillis / ops;
    }

    /** Mean recall@10, or NaN when the kind has no ground truth. */
    double recall() {
        return recallQueries == 0 ? Double.NaN : recallSum / recallQueries;
    }

    /** How many queries returned 10 rows, of how many. */
    String full() {
        return recallQueries == 0 ? "" : full + "/" + recallQueries;
    }

    @Override
    public String toString() {
        return String.format("%.2f ms / %.2f ms CPU", medianMillis(), cpuMillisPerOp()) + (Double.isNaN(recall()) ? ""
                : String.format(" (recall %.3f, %s full)", recall(), full()));
    }

    /** One query of a timed run: the ids of the rows it returned. */
    interface Query<E extends Exception> {
        List<Long> run(int i) throws E;
    }

    /**
     * Runs {@code n} queries one after another into this measure: each one's latency, the CPU of
     * the run (from {@code cpuSeconds}, read before and after) spread over them, and recall@10
     * against {@code truth} when given.
     */
    <E extends Exception> void time(int n, Query<E> q, List<List<Long>> truth, java.util.function.DoubleSupplier cpuSeconds) throws E {
        double cpu0 = cpuSeconds.getAsDouble();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            List<Long> got = q.run(i);
            add((System.nanoTime() - t) / 1e6);
            if (truth != null) {
                recall(got, truth.get(i));
            }
        }
        cpu((cpuSeconds.getAsDouble() - cpu0) * 1000, n);
    }
}
