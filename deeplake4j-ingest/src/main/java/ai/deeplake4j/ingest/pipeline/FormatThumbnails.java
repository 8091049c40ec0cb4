package ai.deeplake4j.ingest.pipeline;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.ingest.image.ImageDecoder;
import ai.deeplake4j.ingest.thumbnail.ThumbnailMaker;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the thumbnails (ARCHITECTURE 2.5) of a format's image columns on {@code workers} threads,
 * in the background: {@link #submit} returns at once, so the thumbnails of one batch are made
 * while the pipeline converts and appends its rows and reads the next batch (thumbnails cost 20x
 * the rest of a small-image row). Each row's thumbnails are filed under the row's {@code file_id}.
 * Results come back in submission order as {@code [fileId, column, dimension, jpeg]} rows. A value
 * that is not image bytes or does not decode is a logged warning, never an error.
 *
 * <p>At most {@value #MAX_PENDING} images wait or are in the making at once; {@link #submit} waits
 * for the oldest beyond that, which bounds memory to those images' bytes and thumbnails (about
 * 30 MB for 640x480 JPEGs). Used by one thread (the pipeline's); the work runs on the pool.
 */
final class FormatThumbnails implements AutoCloseable {
    /** Images submitted but not yet collected, beyond which {@link #submit} waits. */
    static final int MAX_PENDING = 512;

    private static final Logger LOG = LoggerFactory.getLogger(FormatThumbnails.class);

    private final List<String> columns;
    private final ExecutorService pool;
    private final ImageDecoder decoder = new ImageDecoder(2 * ThumbnailMaker.DEFAULT_SIZES.getLast());
    private final ThumbnailMaker maker = ThumbnailMaker.defaults();
    private final Deque<Future<List<Object[]>>> pending = new ArrayDeque<>();
    /** Rows of images collected while {@link #submit} waited, not yet handed out. */
    private final List<Object[]> collected = new ArrayList<>();

    /** @param columns the image columns; @param workers thumbnail threads, at least 1 */
    FormatThumbnails(List<String> columns, int workers) {
        this.columns = List.copyOf(columns);
        this.pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "format-thumbnails");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the thumbnails of every image (a {@code byte[]} value of an image column) of the
     * batch. Returns at once unless more than {@value #MAX_PENDING} images are pending, then
     * waits for the oldest.
     *
     * @param fileIds the {@code file_id} of each row of the batch
     */
    void submit(Map<String, ? extends List<?>> batch, List<String> fileIds) {
        for (String column : columns) {
            List<?> values = batch.get(column);
            if (values == null) {
                continue;
            }
            for (int r = 0; r < values.size(); r++) {
                if (values.get(r) instanceof byte[] bytes) {
                    String fileId = fileIds.get(r);
                    pending.addLast(pool.submit(() -> make(bytes, fileId, column)));
                }
            }
        }
        while (pending.size() > MAX_PENDING) {
            collected.addAll(await(pending.pollFirst()));
        }
    }

    /** The rows of the thumbnails finished so far, in submission order; never waits. */
    List<Object[]> finished() {
        List<Object[]> out = takeCollected();
        while (!pending.isEmpty() && pending.peekFirst().isDone()) {
            out.addAll(await(pending.pollFirst()));
        }
        return out;
    }

    /** Waits for every submitted image and returns the rows not handed out yet, in submission order. */
    List<Object[]> awaitAll() {
        List<Object[]> out = takeCollected();
        while (!pending.isEmpty()) {
            out.addAll(await(pending.pollFirst()));
        }
        return out;
    }

    private List<Object[]> takeCollected() {
        List<Object[]> out = new ArrayList<>(collected);
        collected.clear();
        return out;
    }

    private static List<Object[]> await(Future<List<Object[]>> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("Ingest interrupted while making thumbnails", e);
        } catch (ExecutionException e) {
            LOG.warn("Thumbnail task failed: {}", e.getCause().toString());
            return List.of();
        }
    }

    /** Pool thread: one image's thumbnail rows, none when it does not decode. */
    private List<Object[]> make(byte[] bytes, String fileId, String column) {
        BufferedImage image;
        try {
            image = decoder.decodeFirstFrame(bytes);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Thumbnails of row {} (column {}) skipped: {}", fileId, column, e.getMessage());
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>(ThumbnailMaker.DEFAULT_SIZES.size());
        maker.emit(image, fileId, column, (id, col, dimension, jpeg) -> rows.add(new Object[] {id, col, dimension, jpeg}));
        return rows;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
