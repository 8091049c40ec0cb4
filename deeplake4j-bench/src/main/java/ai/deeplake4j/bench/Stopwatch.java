package ai.deeplake4j.bench;

import java.util.Arrays;

/** Timing helpers for the benchmark commands: medians of repeated runs, in milliseconds. */
final class Stopwatch {
    private Stopwatch() {
    }

    /** Median wall time of {@code runs} calls after {@code warmup} unmeasured ones, in ms. */
    static double medianMillis(int warmup, int runs, Runnable call) {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    }

    /** CPU seconds this process has used so far (all threads, DuckDB's native threads included). */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Wall and CPU seconds of one call. */
    record Timing(double wall, double cpu) {
    }

    static Timing timed(Runnable call) {
        double cpu = processCpuSeconds();
        long t = System.nanoTime();
        call.run();
        return new Timing((System.nanoTime() - t) / 1e9, processCpuSeconds() - cpu);
    }

    /** Seconds taken by one call. */
    static double seconds(Runnable call) {
        long t = System.nanoTime();
        call.run();
        return (System.nanoTime() - t) / 1e9;
    }
}
