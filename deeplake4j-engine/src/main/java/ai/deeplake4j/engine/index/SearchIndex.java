package ai.deeplake4j.engine.index;

import java.time.Duration;
import java.util.Collection;

/**
 * A search index on one column of one table, kept in {@code <table>/index/<fieldId>/}. Rows are
 * identified by their hidden {@code _id}. Searches read the index's last commit and need no lock; a
 * change (add, delete, clear) runs between {@link #acquireWriter} (implicit on the first change)
 * and {@link #commit(long)}, which makes it durable and visible and moves the snapshot the index
 * covers, or {@link #abort()}. One change at a time per index across processes: Lucene's write
 * lock. Implementations are thread-safe.
 */
public interface SearchIndex extends AutoCloseable {

    /** Column, type, dimension and covered snapshot. */
    IndexMetadata metadata();

    /** Removes rows by id (ids not in the index are ignored). */
    void delete(Collection<String> ids);

    /** Removes every row (before a rebuild). */
    void clear();

    /**
     * Makes changes durable and visible, records that the index covers table snapshot
     * {@code snapshotId}, and ends the change (the write lock is released).
     */
    void commit(long snapshotId);

    /**
     * Starts a change: takes the write lock and shows the latest commit (maybe another process's),
     * so {@link #metadata()} is what the change builds on. No-op while this index holds it.
     *
     * @param wait how long to wait for another writer; zero tries once
     * @return false when another writer holds the lock (only with a zero {@code wait})
     * @throws IndexBusyException when another writer still holds it after a non-zero {@code wait}
     */
    boolean acquireWriter(Duration wait);

    /** Ends a change without committing it and releases the write lock (no-op without a change). */
    void abort();

    /** Shows searches the index's latest commit, made here or by another process. */
    void refresh();

    /**
     * {@link #refresh()} while the index covers an older snapshot than {@code tableSnapshot}, at
     * most once per table snapshot and second: picks up another process's catch-up cheaply.
     */
    void refreshIfBehind(long tableSnapshot);

    /** Rows in the index (visible ones). */
    int size();

    /** Releases files and any write lock; uncommitted changes are dropped. */
    @Override
    void close();
}
