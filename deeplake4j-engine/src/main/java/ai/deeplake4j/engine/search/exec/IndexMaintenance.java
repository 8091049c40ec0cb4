package ai.deeplake4j.engine.search.exec;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.engine.index.IndexBusyException;
import ai.deeplake4j.engine.index.LuceneStore;
import ai.deeplake4j.engine.index.SearchIndex;
import ai.deeplake4j.engine.index.TableIndexes;
import ai.deeplake4j.engine.index.matrix.MatrixIndex;
import ai.deeplake4j.engine.index.text.TextIndex;
import ai.deeplake4j.engine.index.vector.VectorIndex;
import ai.deeplake4j.engine.search.MatrixRow;
import ai.deeplake4j.engine.search.TextRow;
import ai.deeplake4j.engine.search.VectorRow;
import ai.deeplake4j.engine.search.exec.SearchableTable.Changes;
import ai.deeplake4j.engine.search.exec.SearchableTable.ColumnRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds indexes from a table and brings them up to date with later commits: the changes since
 * the index's snapshot (deleted and rewritten rows out, added and rewritten rows in), or a full
 * rebuild when the history no longer reaches that snapshot. Each sync holds the index's write lock
 * (shared with other processes on the lake) and ends with an index commit recording the table
 * snapshot it now covers, which releases the lock.
 */
public final class IndexMaintenance {

    /** Threads adding vectors in a build (HNSW insertion is the costly part). */
    private final int buildThreads;

    /** @param buildThreads threads for vector index builds, at least 1 */
    public IndexMaintenance(int buildThreads) {
        this.buildThreads = Math.max(1, buildThreads);
    }

    /**
     * Creates the index on a column and fills it with the table's rows.
     *
     * @param indexType   index type name or null for the column type's default
     * @param ifNotExists when the same index exists, bring it up to date instead of failing
     * @return the index type built
     * @throws TableException unknown column, unknown or conflicting index type
     */
    public SearchIndex create(SearchableTable table, TableIndexes indexes, String column, String indexType, boolean ifNotExists) {
        ColumnType type = table.columnType(column);
        if (type == null) {
            throw new TableException("Column not found: " + column + " in table " + table.name() + ". Check the name with describeTable.");
        }
        boolean existed = indexes.typeOf(column) != null;
        List<ColumnRow> rows = existed ? List.of() : table.rows(column);
        try {
            SearchIndex index = indexes.create(column, type, indexType, dimension(type, rows), ifNotExists);
            if (existed) {
                sync(table, index);
            } else {
                // the new index holds its writer until this commit
                synchronized (index) {
                    try {
                        add(index, rows);
                        index.commit(table.snapshotId());
                    } catch (RuntimeException e) {
                        index.abort();
                        throw e;
                    }
                }
            }
            return index;
        } catch (IndexBusyException e) {
            throw e.withTable(table.name());
        }
    }

    /** The vector dimension for a new index: the column's fixed size, else the first row's. */
    private static int dimension(ColumnType type, List<ColumnRow> rows) {
        if (type.dimension() > 0) {
            return type.dimension();
        }
        for (ColumnRow r : rows) {
            if (r.value() instanceof float[] v) {
                return v.length;
            }
            if (r.value() instanceof float[][] m && m.length > 0) {
                return m[0].length;
            }
        }
        return 0;
    }

    /**
     * Brings an index up to date with the table's current snapshot, waiting up to
     * {@link LuceneStore#WRITE_LOCK_WAIT} for another writer of the index.
     *
     * @return rows added or removed (or rebuilt)
     * @throws IndexBusyException naming the table, column and holder when the writer stays busy
     */
    public int sync(SearchableTable table, SearchIndex index) {
        return sync(table, index, LuceneStore.WRITE_LOCK_WAIT);
    }

    /**
     * {@link #sync} for a search: never waits for another writer of the index (another process
     * syncing or building it), so the search can take an exact route instead.
     *
     * @return rows added or removed (or rebuilt), or -1 when another writer holds the index
     */
    public int trySync(SearchableTable table, SearchIndex index) {
        return sync(table, index, Duration.ZERO);
    }

    private int sync(SearchableTable table, SearchIndex index, Duration wait) {
        long target = table.snapshotId();
        if (index.metadata().snapshotId() == target) {
            return 0;
        }
        // one change at a time per index in this process; the write lock orders processes
        synchronized (index) {
            if (index.metadata().snapshotId() == target) {
                return 0;
            }
            try {
                if (!index.acquireWriter(wait)) {
                    return -1;
                }
            } catch (IndexBusyException e) {
                throw e.withTable(table.name());
            }
            try {
                // the latest commit, which another process may have brought up to date meanwhile
                long covered = index.metadata().snapshotId();
                if (covered == target) {
                    index.abort();
                    return 0;
                }
                String column = index.metadata().column();
                Changes changes = covered < 0 ? null : table.changesSince(covered, column);
                int n;
                if (changes == null) {
                    List<ColumnRow> rows = table.rows(column);
                    index.clear();
                    add(index, rows);
                    n = rows.size();
                } else {
                    Set<String> gone = new HashSet<>(changes.removedIds());
                    changes.upserts().forEach(r -> gone.add(r.id()));
                    index.delete(gone);
                    add(index, changes.upserts());
                    n = gone.size() + changes.upserts().size();
                }
                index.commit(target);
                return n;
            } catch (RuntimeException e) {
                index.abort();
                throw e;
            }
        }
    }

    /** Adds rows to an index of any kind (values must match the index's column kind). */
    void add(SearchIndex index, List<ColumnRow> rows) {
        switch (index) {
            case VectorIndex v -> {
                List<VectorRow> vr = new ArrayList<>(rows.size());
                rows.forEach(r -> vr.add(new VectorRow(r.id(), (float[]) r.value())));
                v.add(vr, buildThreads);
            }
            case TextIndex t -> {
                List<TextRow> tr = new ArrayList<>(rows.size());
                rows.forEach(r -> tr.add(new TextRow(r.id(), (String) r.value())));
                t.add(tr);
            }
            case MatrixIndex m -> {
                List<MatrixRow> mr = new ArrayList<>(rows.size());
                rows.forEach(r -> mr.add(new MatrixRow(r.id(), (float[][]) r.value())));
                m.add(mr);
            }
            default -> throw new IllegalArgumentException("Unknown index kind: " + index.getClass().getName());
        }
    }
}
