package ai.deeplake4j.engine.index;

import java.time.Duration;
import java.util.Collection;

/**
 * Base of the search indexes kept in a {@link LuceneStore}: the lifecycle of {@link SearchIndex}
 * (delete, clear, commit, writer, refresh, size, close) is the store's; subclasses add rows their way and
 * search.
 */
public abstract class LuceneIndex implements SearchIndex {
    protected final LuceneStore store;

    protected LuceneIndex(LuceneStore store) {
        this.store = store;
    }

    @Override
    public IndexMetadata metadata() {
        return store.metadata();
    }

    @Override
    public void delete(Collection<String> ids) {
        store.delete(ids);
    }

    @Override
    public void clear() {
        store.clear();
    }

    @Override
    public void commit(long snapshotId) {
        store.commit(snapshotId);
    }

    @Override
    public boolean acquireWriter(Duration wait) {
        return store.acquireWriter(wait);
    }

    @Override
    public void abort() {
        store.abort();
    }

    @Override
    public void refresh() {
        store.refresh();
    }

    @Override
    public void refreshIfBehind(long tableSnapshot) {
        store.refreshIfBehind(tableSnapshot);
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public void close() {
        store.close();
    }
}
