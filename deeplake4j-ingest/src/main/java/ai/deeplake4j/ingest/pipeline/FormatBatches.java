package ai.deeplake4j.ingest.pipeline;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.ingest.Format;
import ai.deeplake4j.api.ingest.IngestOptions;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The batches of a {@link Format}, read so that a format's own failure (a custom format that
 * throws {@code IllegalStateException}, say) becomes an {@link IngestException} naming the format,
 * the table and the batch it was producing, with the original as its cause. deeplake4j's own
 * errors ({@link ManagedServiceException}) pass through unchanged: they already say what failed.
 */
final class FormatBatches {
    private final Format format;
    private final String table;
    private final Iterator<Map<String, List<?>>> batches;
    private int produced;

    private FormatBatches(Format format, String table, Iterator<Map<String, List<?>>> batches) {
        this.format = format;
        this.table = table;
        this.batches = batches;
    }

    /** Configures the format with the call's options and starts its batches. */
    static FormatBatches start(Format format, String table, IngestOptions options) {
        try {
            format.configure(options);
            return new FormatBatches(format, table, format.normalize());
        } catch (ManagedServiceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(format, table, "while starting", e);
        }
    }

    /** The next batch, or null after the last. */
    Map<String, List<?>> next() {
        try {
            if (!batches.hasNext()) {
                return null;
            }
            Map<String, List<?>> batch = batches.next();
            produced++;
            return batch;
        } catch (ManagedServiceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(format, table, "while producing batch " + (produced + 1), e);
        }
    }

    private static IngestException failed(Format format, String table, String when, RuntimeException e) {
        return new IngestException("Format " + format.getClass().getName() + " failed " + when + " for '" + table + "': "
                + e + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : ""), e);
    }
}
