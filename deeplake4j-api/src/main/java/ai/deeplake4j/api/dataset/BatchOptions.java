package ai.deeplake4j.api.dataset;

/**
 * How a {@link Dataset} is iterated.
 *
 * @param batchSize        rows per batch (Deeplake default 100), &gt; 0
 * @param dropLast         drop a final batch smaller than {@code batchSize}
 * @param shuffle          shuffle rows: block order by seed, then a shuffle buffer
 * @param seed             shuffle seed; the same seed gives the same order
 * @param shuffleBuffer    rows mixed by the shuffle buffer (default 32,768)
 * @param prefetch         batches read ahead on a background thread (default 2; 0 reads inline)
 */
public record BatchOptions(int batchSize, boolean dropLast, boolean shuffle, long seed, int shuffleBuffer, int prefetch) {
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int DEFAULT_SHUFFLE_BUFFER = 32_768;
    public static final int DEFAULT_PREFETCH = 2;

    public BatchOptions {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        if (shuffleBuffer <= 0) {
            throw new IllegalArgumentException("shuffle buffer must be > 0, got " + shuffleBuffer);
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must be >= 0, got " + prefetch);
        }
    }

    /** In order, {@code batchSize} rows, keeping the last partial batch. */
    public static BatchOptions of(int batchSize) {
        return new BatchOptions(batchSize, false, false, 0, DEFAULT_SHUFFLE_BUFFER, DEFAULT_PREFETCH);
    }

    public BatchOptions dropLast(boolean drop) {
        return new BatchOptions(batchSize, drop, shuffle, seed, shuffleBuffer, prefetch);
    }

    public BatchOptions shuffled(long seed) {
        return new BatchOptions(batchSize, dropLast, true, seed, shuffleBuffer, prefetch);
    }

    public BatchOptions shuffleBuffer(int rows) {
        return new BatchOptions(batchSize, dropLast, shuffle, seed, rows, prefetch);
    }

    public BatchOptions prefetch(int batches) {
        return new BatchOptions(batchSize, dropLast, shuffle, seed, shuffleBuffer, batches);
    }
}
