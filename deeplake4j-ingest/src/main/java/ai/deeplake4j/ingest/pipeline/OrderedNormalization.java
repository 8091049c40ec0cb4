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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Normalizes files on a bounded pool and hands their rows back in input order. At most
 * {@code workers + 1} files are in flight, and each holds at most {@value #ROWS_PER_FILE} rows
 * in memory: a worker blocks when its file's queue is full, so a 300-page PDF streams.
 */
final class OrderedNormalization implements AutoCloseable {
    static final int ROWS_PER_FILE = 16;

    /** What a worker puts in a file's queue. */
    sealed interface Item permits Row, End, Failure {
    }

    record Row(Map<String, Object> values) implements Item {
    }

    record End() implements Item {
    }

    record Failure(Throwable error) implements Item {
    }

    /** A file being normalized: its queue of rows, ending with {@link End} or {@link Failure}. */
    record Job(SourceFile file, int inputIndex, BlockingQueue<Item> rows, Future<?> task) {
        Item next() throws InterruptedException {
            return rows.take();
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
        Future<?> task = pool.submit(() -> {
            try {
                p.normalizer().normalize(p.file(), context, row -> put(queue, new Row(row)));
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
        return new Job(p.file(), p.inputIndex(), queue, task);
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
