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
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

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
        try (BufferAllocator allocator = new RootAllocator()) {
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
                // shuffled: a window of blocks, read with one query per file, then permuted
                int end = Math.min(order.size(), i + window);
                Map<Integer, List<Block>> byFile = new LinkedHashMap<>();
                for (Block b : order.subList(i, end)) {
                    byFile.computeIfAbsent(b.file(), f -> new ArrayList<>()).add(b);
                }
                i = end;
                List<Map<String, ColumnData>> parts = new ArrayList<>();
                for (List<Block> sameFile : byFile.values()) {
                    source.read(allocator, sameFile, parts::add);
                }
                Map<String, ColumnData> rows = null;
                for (Map<String, ColumnData> part : parts) {
                    rows = rows == null ? part : concat(rows, part);
                }
                if (rows != null) {
                    batcher.add(permute(rows, random));
                }
            }
        }
        batcher.finish();
    }

    private static Map<String, ColumnData> concat(Map<String, ColumnData> a, Map<String, ColumnData> b) {
        Map<String, ColumnData> out = new LinkedHashMap<>();
        a.forEach((name, data) -> out.put(name, data.concat(b.get(name))));
        return out;
    }

    private static Map<String, ColumnData> permute(Map<String, ColumnData> rows, Random random) {
        int n = rows.values().iterator().next().size();
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
        Map<String, ColumnData> out = new LinkedHashMap<>();
        rows.forEach((name, data) -> out.put(name, data.gather(order, 0, n)));
        return out;
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
            int n = rows.values().iterator().next().size();
            if (n == 0) {
                return;
            }
            pending = pending == null ? rows : concat(pending, rows);
            pendingRows += n;
            int size = options.batchSize();
            if (pendingRows < size) {
                return;
            }
            int[] identity = new int[pendingRows];
            for (int i = 0; i < pendingRows; i++) {
                identity[i] = i;
            }
            int from = 0;
            while (pendingRows - from >= size) {
                out.accept(slice(identity, from, from + size));
                from += size;
            }
            Map<String, ColumnData> rest = new LinkedHashMap<>();
            int restFrom = from;
            int restTo = pendingRows;
            pending.forEach((name, data) -> rest.put(name, data.gather(identity, restFrom, restTo)));
            pending = rest;
            pendingRows -= from;
        }

        private ColumnBatch slice(int[] identity, int from, int to) {
            Map<String, ColumnData> batch = new LinkedHashMap<>();
            pending.forEach((name, data) -> batch.put(name, data.gather(identity, from, to)));
            return new ArrayColumnBatch(batch, to - from);
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
