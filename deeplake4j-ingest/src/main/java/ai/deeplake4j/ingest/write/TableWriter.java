package ai.deeplake4j.ingest.write;

/**
 * Appends rows to one table and makes them durable in commits, like DuckDB's appender:
 * buffered, explicit {@link #flush()}, {@link #commit()} and {@link AutoCloseable}.
 * The engine's implementation writes Iceberg snapshots; the remote one streams to a server.
 *
 * <p>Rows are {@code Object[]} in {@link #columns()} order, values in their storage form
 * ({@link ai.deeplake4j.ingest.pipeline.Values}). Rows appended but not committed are invisible
 * to readers and lost on a crash. Not thread-safe: one producer thread.
 */
public interface TableWriter extends AutoCloseable {

    /** The table's user columns, in the order rows are given. */
    TableSchema columns();

    /** Adds one row to the buffer. */
    void append(Object[] row);

    /** Stages the buffered rows for the next commit (still invisible to readers). */
    void flush();

    /** A position between rows: everything appended so far is before it. */
    long mark();

    /**
     * Drops the rows appended after {@code mark} (which must be at or after the last commit), e.g.
     * the partial rows of a file that failed.
     */
    void rollbackTo(long mark);

    /** Rows appended since the last commit. */
    long pendingRows();

    /** Approximate bytes of the rows appended since the last commit. */
    long pendingBytes();

    /**
     * Commits every row appended so far as one unit: after a crash either all of them are in the
     * table or none. May return before the snapshot exists (several commits still in flight can
     * be grouped into one snapshot); {@link #sync()} waits for them.
     *
     * @throws ai.deeplake4j.api.error.TableException when an earlier background commit failed
     */
    void commit();

    /**
     * Waits until every {@link #commit()} so far is a visible snapshot.
     *
     * @return rows this writer has made durable
     * @throws ai.deeplake4j.api.error.TableException when a commit failed; nothing of it is visible
     */
    long sync();

    /** Drops the rows not yet committed; earlier commits stay. */
    void abort();

    /**
     * Waits for commits in flight, then drops rows not committed; call {@link #commit()} first to keep them.
     *
     * @throws ai.deeplake4j.api.error.TableException when a commit of this writer failed or its outcome
     *                                               is unknown (the writer's resources are released anyway)
     */
    @Override
    void close();

    /**
     * Ends a write that failed: drops the rows not committed and closes the writer, and when this
     * writer created the table and no rows of it were ever committed, removes the table too, so a
     * failed first ingest leaves no empty table behind (earlier commits always stay). A later
     * {@link #close()} does nothing. The default suits writers that never create tables.
     */
    default void discard() {
        try {
            abort();
        } finally {
            close();
        }
    }
}
