package ai.deeplake4j.engine.dataset;

import ai.deeplake4j.api.dataset.BatchOptions;
import ai.deeplake4j.api.dataset.Batches;
import ai.deeplake4j.api.dataset.ColumnBatch;
import ai.deeplake4j.api.error.QueryException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One epoch over a dataset's blocks. In order, adjacent blocks are read with one query. Shuffled,
 * the block order is a seeded permutation and the rows of each window of blocks (about
 * {@code shuffleBuffer} rows) are permuted again, so batches mix rows from several places of the
 * table while reads stay sequential within a block. Reading runs on a background thread that
 * stays at most {@code prefetch} batches ahead.
 */
final class BatchIterator implements Batches {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread producer;
    private Object next;
    private volatile boolean closed;

    /** Reads the rows of blocks of one file (in storage order), streaming them to a sink in chunks. */
    interface BlockSource {
        void read(BufferAllocator allocator, List<Block> run, Consumer<Map<String, ColumnData>> sink);
    }

    /**
     * Starts reading on a background thread; with {@code prefetch} 0 the thread hands over each
     * batch as it is made (no queue), otherwise up to {@code prefetch} batches wait in a queue.
     */
    BatchIterator(List<Block> blocks, BatchOptions options, BlockSource source) {
        ArrowMemory.check();
        this.queue = options.prefetch() == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(options.prefetch());
        this.producer = new Thread(() -> {
            try {
                produce(blocks, options, source, this::put);
                put(END);
            } catch (Interrupted e) {
                // closed early
            } catch (RuntimeException e) {
                try {
                    put(e);
                } catch (Interrupted ignored) {
                    // closed early
                }
            }
        }, "deeplake4j-batches");
        producer.setDaemon(true);
        producer.start();
    }

    private void put(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            throw new Interrupted();
        }
    }

    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }

    private static void produce(List<Block> blocks, BatchOptions options, BlockSource source, Consumer<Object> out) {
        List<Block> order = new ArrayList<>(blocks);
        Random random = new Random(options.seed());
        if (options.shuffle()) {
            Collections.shuffle(order, random);
        }
        int window = options.shuffle() ? Math.max(1, options.shuffleBuffer() / Block.ROWS) : Integer.MAX_VALUE;
        Batcher batcher = new Batcher(options, out);
        try (BufferAllocator allocator = ArrowMemory.newAllocator()) {
            int i = 0;
            while (i < order.size()) {
                if (!options.shuffle()) {
                    // in order: runs of adjacent blocks, one query each
                    List<Block> run = new ArrayList<>();
                    run.add(order.get(i++));
                    while (i < order.size() && run.getLast().adjacentTo(order.get(i))) {
                        run.add(order.get(i++));
                    }
                    source.read(allocator, run, batcher::add);
                    continue;
                }
                // shuffled: windows of blocks, each read with one query per file, then permuted
                readShuffled(order.subList(i, order.size()), window, allocator, source, random, batcher);
                break;
            }
        }
        batcher.finish();
    }

    private static Map<String, ColumnData> concat(Map<String, ColumnData> a, Map<String, ColumnData> b) {
        Map<String, ColumnData> out = new LinkedHashMap<>();
        a.forEach((name, data) -> out.put(name, data.concat(b.get(name))));
        return out;
    }

    /**
     * Reads windows of {@code windowBlocks} blocks and hands each, permuted, to the batcher. The
     * next window is read on a second thread while the current one is permuted and cut into
     * batches, so DuckDB's reading and the Java-side copying overlap (on two cores they otherwise
     * take turns). The permutations are drawn from {@code random} in window order, as before.
     */
    private static void readShuffled(List<Block> order, int windowBlocks, BufferAllocator allocator, BlockSource source,
                                     Random random, Batcher batcher) {
        List<List<Block>> windows = new ArrayList<>();
        for (int i = 0; i < order.size(); i += windowBlocks) {
            windows.add(order.subList(i, Math.min(order.size(), i + windowBlocks)));
        }
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "deeplake4j-batches-read");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Map<String, ColumnData>> next = reader.submit(() -> readWindow(windows.getFirst(), allocator, source));
            for (int w = 0; w < windows.size(); w++) {
                Map<String, ColumnData> rows = await(next);
                if (w + 1 < windows.size()) {
                    List<Block> following = windows.get(w + 1);
                    next = reader.submit(() -> readWindow(following, allocator, source));
                }
                if (rows != null) {
                    batcher.add(rows, permutation(rows.values().iterator().next().size(), random));
                }
            }
        } finally {
            reader.shutdownNow();
            try {
                // the allocator is closed after this returns: let an interrupted read release its buffers first
                reader.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The rows of a window's blocks, one query per file, in the order read; null for none. */
    private static Map<String, ColumnData> readWindow(List<Block> window, BufferAllocator allocator, BlockSource source) {
        Map<Integer, List<Block>> byFile = new LinkedHashMap<>();
        for (Block b : window) {
            byFile.computeIfAbsent(b.file(), f -> new ArrayList<>()).add(b);
        }
        List<Map<String, ColumnData>> parts = new ArrayList<>();
        for (List<Block> sameFile : byFile.values()) {
            source.read(allocator, sameFile, parts::add);
        }
        Map<String, ColumnData> rows = null;
        for (Map<String, ColumnData> part : parts) {
            rows = rows == null ? part : concat(rows, part);
        }
        return rows;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            throw new Interrupted();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new QueryException("Reading a window of rows failed: " + e.getCause(), e.getCause());
        }
    }

    /** A seeded random permutation of 0..n-1 (Fisher-Yates). */
    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Cuts a stream of row runs into batches of the requested size. */
    private static final class Batcher {
        private final BatchOptions options;
        private final Consumer<Object> out;
        private Map<String, ColumnData> pending;
        private int pendingRows;

        Batcher(BatchOptions options, Consumer<Object> out) {
            this.options = options;
            this.out = out;
        }

        void add(Map<String, ColumnData> rows) {
            add(rows, null);
        }

        /**
         * Adds {@code rows} taken in the order {@code order} (null: as they are). Whole batches
         * are gathered straight from {@code rows}; only the rows that complete the pending batch
         * and the remainder are copied twice.
         */
        void add(Map<String, ColumnData> rows, int[] order) {
            int n = rows.values().iterator().next().size();
            if (n == 0) {
                return;
            }
            int[] take = order != null ? order : identity(n);
            int size = options.batchSize();
            int from = 0;
            if (pendingRows > 0) {
                int fill = Math.min(n, size - pendingRows);
                Map<String, ColumnData> head = gather(rows, take, 0, fill);
                pending = concat(pending, head);
                pendingRows += fill;
                from = fill;
                if (pendingRows < size) {
                    return;
                }
                out.accept(new ArrayColumnBatch(pending, pendingRows));
                pending = null;
                pendingRows = 0;
            }
            while (n - from >= size) {
                out.accept(new ArrayColumnBatch(gather(rows, take, from, from + size), size));
                from += size;
            }
            if (from < n) {
                pending = gather(rows, take, from, n);
                pendingRows = n - from;
            }
        }

        private static Map<String, ColumnData> gather(Map<String, ColumnData> rows, int[] take, int from, int to) {
            Map<String, ColumnData> out = new LinkedHashMap<>();
            rows.forEach((name, data) -> out.put(name, data.gather(take, from, to)));
            return out;
        }

        private static int[] identity(int n) {
            int[] identity = new int[n];
            for (int i = 0; i < n; i++) {
                identity[i] = i;
            }
            return identity;
        }

        void finish() {
            if (pendingRows > 0 && !options.dropLast()) {
                out.accept(new ArrayColumnBatch(pending, pendingRows));
            }
            pending = null;
            pendingRows = 0;
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            if (closed) {
                return false;
            }
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryException("Interrupted while reading batches", e);
            }
        }
        if (next instanceof RuntimeException e) {
            next = END;
            throw e;
        }
        return next != END;
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch is over");
        }
        ColumnBatch batch = (ColumnBatch) next;
        next = null;
        return batch;
    }

    @Override
    public void close() {
        closed = true;
        producer.interrupt();
    }
}
