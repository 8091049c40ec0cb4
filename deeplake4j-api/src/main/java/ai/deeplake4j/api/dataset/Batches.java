package ai.deeplake4j.api.dataset;

import java.util.Iterator;

/** One pass (epoch) over a dataset in batches. Close it to stop reading ahead early. */
public interface Batches extends Iterator<ColumnBatch>, AutoCloseable {
    @Override
    void close();
}
