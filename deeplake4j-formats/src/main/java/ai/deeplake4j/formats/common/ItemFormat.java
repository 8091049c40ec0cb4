package ai.deeplake4j.formats.common;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.ingest.Format;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.SkippedFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A format whose rows come one per item (an image, an episode, a task): items are turned into rows
 * on {@link IngestOptions#normalizationWorkers()} threads, in order, {@value #BATCH_ROWS} rows per
 * batch. An item that fails stops the ingest with an {@link IngestException} naming it, or is left
 * out and listed in {@link #skipped()} when {@link IngestOptions#skipFailedFiles()} is set.
 *
 * @param <T> the item type
 */
public abstract class ItemFormat<T> implements Format {
    /** Rows per batch. */
    public static final int BATCH_ROWS = 64;

    private IngestOptions options = IngestOptions.defaults();
    private final List<SkippedFile> skipped = Collections.synchronizedList(new ArrayList<>());
    private ExecutorService pool;

    /** The items, in row order; called once by {@link #normalize()}. */
    protected abstract List<T> items();

    /** A name for the item in messages and {@link #skipped()}, e.g. the image file. */
    protected abstract String name(T item);

    /**
     * The item's row: every column of {@link #schema()}, in that order.
     *
     * @throws Exception any failure; an {@link IngestException}'s message is kept as the reason
     */
    protected abstract Map<String, Object> row(T item) throws Exception;

    /** Records an item left out while skipping is on, or throws when it is off. */
    protected final void skipOrFail(String item, String reason) {
        if (!options.skipFailedFiles()) {
            throw new IngestException(reason + " (" + IngestOptions.skipHint("items") + ")");
        }
        skipped.add(new SkippedFile(item, reason));
    }

    /** Whether failing items are skipped rather than fatal. */
    protected final boolean skipping() {
        return options.skipFailedFiles();
    }

    @Override
    public void configure(IngestOptions options) {
        this.options = options;
    }

    @Override
    public List<SkippedFile> skipped() {
        return List.copyOf(skipped);
    }

    @Override
    public Iterator<Map<String, List<?>>> normalize() {
        List<T> items = items();
        pool = Executors.newFixedThreadPool(options.normalizationWorkers(), r -> {
            Thread t = new Thread(r, getClass().getSimpleName() + "-rows");
            t.setDaemon(true);
            return t;
        });
        return new Iterator<>() {
            private int next;
            private Map<String, List<?>> ready;

            @Override
            public boolean hasNext() {
                while (ready == null && next < items.size()) {
                    ready = batch(items.subList(next, Math.min(items.size(), next + BATCH_ROWS)));
                    next += BATCH_ROWS;
                }
                return ready != null;
            }

            @Override
            public Map<String, List<?>> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map<String, List<?>> b = ready;
                ready = null;
                return b;
            }
        };
    }

    /** Rows of the items, or null when every one was skipped. */
    private Map<String, List<?>> batch(List<T> items) {
        List<Future<Map<String, Object>>> rows = new ArrayList<>(items.size());
        for (T item : items) {
            rows.add(pool.submit(() -> row(item)));
        }
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        schema().keySet().forEach(c -> columns.put(c, new ArrayList<>(items.size())));
        int kept = 0;
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> row;
            try {
                row = rows.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException("Ingest interrupted at " + name(items.get(i)), e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                String reason = c instanceof IngestException ? c.getMessage()
                        : "Failed to read " + name(items.get(i)) + ": " + c;
                if (!skipping()) {
                    rows.forEach(f -> f.cancel(true));
                    throw new IngestException(reason + " (" + IngestOptions.skipHint("items") + ")", c);
                }
                skipped.add(new SkippedFile(name(items.get(i)), reason));
                continue;
            }
            columns.forEach((c, values) -> values.add(row.get(c)));
            kept++;
        }
        if (kept == 0) {
            return null;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
