package ai.deeplake4j.engine.index;

import java.util.Collection;

/**
 * A search index on one column of one table, kept in {@code <table>/index/<fieldId>/}. Rows are
 * identified by their hidden {@code _id}. Changes become visible to searches after
 * {@link #refresh()} or {@link #commit(long)}; only {@code commit} makes them durable and moves
 * the snapshot the index covers. Implementations are thread-safe.
 */
public interface SearchIndex extends AutoCloseable {

    /** Column, type, dimension and covered snapshot. */
    IndexMetadata metadata();

    /** Removes rows by id (ids not in the index are ignored). */
    void delete(Collection<String> ids);

    /** Removes every row (before a rebuild). */
    void clear();

    /** Makes changes durable and records that the index covers table snapshot {@code snapshotId}. */
    void commit(long snapshotId);

    /** Makes changes visible to searches. */
    void refresh();

    /** Rows in the index (visible ones). */
    int size();

    /** Releases files and the write lock; uncommitted changes are dropped. */
    @Override
    void close();
}
