package ai.deeplake4j.engine.search.exec;

import ai.deeplake4j.api.schema.ColumnType;
import java.util.List;
import java.util.Set;

/**
 * What the search layer needs from a table: its current snapshot, column types, a column's values
 * by row {@code _id}, the ids matching a SQL condition (the pre-filter) and the changes since an
 * older snapshot (to bring an index up to date). The engine implements it over an Iceberg table
 * read with DuckDB; tests implement it in memory.
 */
public interface SearchableTable {

    /** The table name. */
    String name();

    /** The current snapshot id, -1 when the table has no commit. */
    long snapshotId();

    /** The type of a user column, or null when the table has no such column. */
    ColumnType columnType(String column);

    /**
     * Every row's {@code _id} and value of {@code column} at the current snapshot. Values are
     * {@code String} for TEXT, {@code float[]} for EMBEDDING, {@code float[][]} for EMBEDDING_2D;
     * rows whose value is null are left out.
     */
    List<ColumnRow> rows(String column);

    /** The {@code _id}s of rows satisfying a SQL boolean condition over the table's columns. */
    Set<String> idsWhere(String condition);

    /**
     * The rows changed since {@code snapshotId}: ids whose rows were deleted or rewritten, and the
     * current values of rows added or rewritten. Null when the history no longer reaches that
     * snapshot (then an index must be rebuilt).
     */
    Changes changesSince(long snapshotId, String column);

    /**
     * One row's id and value.
     *
     * @param id    the row's {@code _id}
     * @param value String, float[] or float[][]
     */
    record ColumnRow(String id, Object value) {
    }

    /**
     * Changes between two snapshots for one column.
     *
     * @param removedIds ids whose old rows are gone (deleted, or rewritten and present again in {@code upserts})
     * @param upserts    rows added or rewritten since, with their current values
     */
    record Changes(Set<String> removedIds, List<ColumnRow> upserts) {
        public Changes {
            removedIds = Set.copyOf(removedIds);
            upserts = List.copyOf(upserts);
        }

        /** True when nothing changed. */
        public boolean isEmpty() {
            return removedIds.isEmpty() && upserts.isEmpty();
        }
    }
}
