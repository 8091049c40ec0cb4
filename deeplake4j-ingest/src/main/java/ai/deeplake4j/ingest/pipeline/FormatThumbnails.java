package ai.deeplake4j.ingest.pipeline;

import ai.deeplake4j.ingest.image.ImageDecoder;
import ai.deeplake4j.ingest.thumbnail.ThumbnailMaker;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the thumbnails (ARCHITECTURE 2.5) of a format's image columns, one batch at a time, on
 * {@code workers} threads. Each row's thumbnails are filed under the row's {@code file_id}. A
 * value that is not image bytes or does not decode is a logged warning, never an error.
 */
final class FormatThumbnails implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FormatThumbnails.class);

    private final List<String> columns;
    private final ExecutorService pool;
    private final ImageDecoder decoder = new ImageDecoder(2 * ThumbnailMaker.DEFAULT_SIZES.getLast());
    private final ThumbnailMaker maker = ThumbnailMaker.defaults();

    /** @param columns the image columns; @param workers decoding threads, at least 1 */
    FormatThumbnails(List<String> columns, int workers) {
        this.columns = List.copyOf(columns);
        this.pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "format-thumbnails");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Adds {@code [fileId, column, dimension, jpeg]} rows for every image of the batch to {@code out}
     * and returns when all are made.
     */
    void make(Map<String, ? extends List<?>> batch, List<String> fileIds, Queue<Object[]> out) {
        List<Future<?>> tasks = new ArrayList<>();
        for (String column : columns) {
            List<?> values = batch.get(column);
            if (values == null) {
                continue;
            }
            for (int r = 0; r < values.size(); r++) {
                Object value = values.get(r);
                String fileId = fileIds.get(r);
                if (value instanceof byte[] bytes) {
                    tasks.add(pool.submit(() -> emit(bytes, fileId, column, out)));
                }
            }
        }
        for (Future<?> f : tasks) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ai.deeplake4j.api.error.IngestException("Ingest interrupted while making thumbnails", e);
            } catch (ExecutionException e) {
                LOG.warn("Thumbnail task failed: {}", e.getCause().toString());
            }
        }
    }

    private void emit(byte[] bytes, String fileId, String column, Queue<Object[]> out) {
        BufferedImage image;
        try {
            image = decoder.decodeFirstFrame(bytes);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Thumbnails of row {} (column {}) skipped: {}", fileId, column, e.getMessage());
            return;
        }
        maker.emit(image, fileId, column, (id, col, dimension, jpeg) -> out.add(new Object[] {id, col, dimension, jpeg}));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
