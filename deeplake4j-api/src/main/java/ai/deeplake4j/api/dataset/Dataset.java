package ai.deeplake4j.api.dataset;

import java.util.List;
import java.util.Map;

/**
 * A table opened for training and versioning, as Deeplake's {@code open_table} (ARCHITECTURE
 * 2.1): rows at one version, read without SQL in columnar batches, by index, shuffled or sharded;
 * plus appends, commits with messages, history, tags and rollback (each version is an Iceberg
 * snapshot).
 *
 * <p>Row order is the table's storage order at the opened version; {@link #get(long)} and
 * in-order {@link #batches} agree on it. Derived views ({@link #select}, {@link #query},
 * {@link #shard}) are datasets over the same version. Rows given to {@link #append} are invisible
 * to everyone, this dataset included, until {@link #commit(String)}; {@link #close()} drops them
 * with a warning that says how many.
 */
public interface Dataset extends AutoCloseable {

    /** Rows at this version (after projection, filter and sharding). */
    long size();

    /** Column names of the rows this dataset returns. */
    List<String> columns();

    /** The version (snapshot id) this dataset reads; -1 for a table with no commit. */
    long version();

    /**
     * Row {@code index} (0-based), as column name to value (lists for vectors, byte[] for bytes).
     *
     * @throws IndexOutOfBoundsException when {@code index} is not in {@code [0, size())}
     */
    Map<String, Object> get(long index);

    /** One epoch in batches of {@code batchSize}, in order. */
    default Batches batches(int batchSize) {
        return batches(BatchOptions.of(batchSize));
    }

    /** One epoch in batches of {@code batchSize}, in order, optionally dropping the last partial batch. */
    default Batches batches(int batchSize, boolean dropLast) {
        return batches(BatchOptions.of(batchSize).dropLast(dropLast));
    }

    /** One epoch as the options say (shuffle, prefetch, ...). */
    Batches batches(BatchOptions options);

    /** Only these columns. */
    Dataset select(String... columns);

    /**
     * A filtered, projected view: {@code SELECT a, b WHERE condition} (no FROM: the table is implied).
     *
     * @throws ai.deeplake4j.api.error.QueryException when the statement is not of that form or fails
     */
    Dataset query(String sql);

    /** The part of the rows this rank reads when {@code worldSize} workers share an epoch; every row goes to exactly one rank. */
    Dataset shard(int rank, int worldSize);

    /** Adds rows (column to values, as {@code ingest}); invisible until {@link #commit(String)}. */
    void append(Map<String, ? extends List<?>> rows);

    /** Rows appended and not yet committed. */
    long uncommittedRows();

    /**
     * Commits the appended rows as a new version with a message, and moves this dataset to it.
     *
     * @return the new version id
     */
    long commit(String message);

    /** Versions of the table, oldest first. */
    List<Version> history();

    /** Tags the version this dataset reads. @throws ai.deeplake4j.api.error.TableException when the tag exists */
    void tag(String name);

    /** Makes {@code version} the table's current version again (newer versions stay in history). */
    void rollback(long version);

    @Override
    void close();
}
