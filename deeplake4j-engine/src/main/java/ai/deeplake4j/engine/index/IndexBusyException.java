package ai.deeplake4j.engine.index;

import ai.deeplake4j.api.error.TableException;
import java.time.Duration;

/**
 * A change to an index (build, catch-up, drop) could not start because another writer holds the
 * index's Lucene write lock: another process on the same lake, or another client of this one.
 * Searches never need the lock, so only writes see this. Names the table (when known), the column
 * and the holder as the holder recorded it.
 */
public final class IndexBusyException extends TableException {
    private final String table;
    private final String column;
    private final String holder;
    private final Duration waited;

    /**
     * @param table  the table, or null when the caller does not know it
     * @param column the indexed column
     * @param holder who holds the lock (e.g. "pid 42 on host a since ..."), or null when unknown
     * @param waited how long the writer waited for the lock before giving up
     */
    public IndexBusyException(String table, String column, String holder, Duration waited) {
        super("The index on column " + column + (table == null ? "" : " of table " + table)
                + " is being written by another writer (" + (holder == null ? "another process or client of this lake" : holder)
                + "); waited " + waited.toMillis() + " ms for its lock. Retry when that build or catch-up has finished;"
                + " searches are not affected.");
        this.table = table;
        this.column = column;
        this.holder = holder;
        this.waited = waited;
    }

    /** The same error naming {@code table}. */
    public IndexBusyException withTable(String table) {
        IndexBusyException e = new IndexBusyException(table, column, holder, waited);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The holder as it described itself, or null when unknown. */
    public String holder() {
        return holder;
    }
}
