package ai.deeplake4j.ingest.pipeline;

import ai.deeplake4j.ingest.normalize.NormalizeContext;
import ai.deeplake4j.ingest.normalize.Normalizer;
import ai.deeplake4j.ingest.normalize.SourceFile;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Normalizes files on a bounded pool and hands their rows back in input order. At most
 * {@code workers + 1} files are in flight; each holds at most {@value #ROWS_PER_FILE} rows and
 * {@value #BYTES_PER_FILE} bytes (video segments are megabytes each): a worker blocks when either
 * bound is reached, so a 300-page PDF or a long video streams. The byte bound is per file, not
 * shared: a shared one could fill up with later files' rows while the consumer waits for the
 * file it is on.
 */
final class OrderedNormalization implements AutoCloseable {
    static final int ROWS_PER_FILE = 16;
    static final int BYTES_PER_FILE = 32 << 20;

    /** What a worker puts in a file's queue. */
    sealed interface Item permits Row, End, Failure {
    }

    /** A row and the bytes of the budget it holds until the consumer takes it. */
    record Row(Map<String, Object> values, int bytes) implements Item {
    }

    record End() implements Item {
    }

    record Failure(Throwable error) implements Item {
    }

    /** A file being normalized: its queue of rows, ending with {@link End} or {@link Failure}. */
    record Job(SourceFile file, int inputIndex, BlockingQueue<Item> rows, Semaphore budget, Future<?> task) {
        Item next() throws InterruptedException {
            Item item = rows.take();
            if (item instanceof Row r) {
                budget.release(r.bytes());
            }
            return item;
        }
    }

    private final ExecutorService pool;
    private final Iterator<Pending> inputs;
    private final Deque<Job> inFlight = new ArrayDeque<>();
    private final int window;
    private final NormalizeContext context;

    /** A file to normalize with its normalizer. */
    record Pending(SourceFile file, int inputIndex, Normalizer normalizer) {
    }

    OrderedNormalization(List<Pending> files, NormalizeContext context, int workers) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "deeplake4j-normalize-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.inputs = files.iterator();
        this.window = workers + 1;
        this.context = context;
    }

    /** The next file in input order, or null when all are done. */
    Job next() {
        while (inFlight.size() < window && inputs.hasNext()) {
            inFlight.addLast(start(inputs.next()));
        }
        return inFlight.pollFirst();
    }

    private Job start(Pending p) {
        BlockingQueue<Item> queue = new ArrayBlockingQueue<>(ROWS_PER_FILE);
        Semaphore budget = new Semaphore(BYTES_PER_FILE);
        Future<?> task = pool.submit(() -> {
            try {
                p.normalizer().normalize(p.file(), context, row -> {
                    int bytes = (int) Math.min(BYTES_PER_FILE, size(row));
                    acquire(budget, bytes);
                    put(queue, new Row(row, bytes));
                });
                put(queue, new End());
            } catch (Interrupted e) {
                // the consumer stopped; nobody reads this queue any more
            } catch (Throwable t) {
                try {
                    put(queue, new Failure(t));
                } catch (Interrupted e) {
                    // consumer gone
                }
            }
        });
        return new Job(p.file(), p.inputIndex(), queue, budget, task);
    }

    private static long size(Map<String, Object> row) {
        long n = 0;
        for (Object v : row.values()) {
            n += Values.sizeOf(v);
        }
        return n;
    }

    private static void acquire(Semaphore budget, int bytes) {
        try {
            budget.acquire(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    private static void put(BlockingQueue<Item> queue, Item item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    /** Unchecked signal that the consumer went away. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }

    /** Stops every worker, including ones blocked on a full queue. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
