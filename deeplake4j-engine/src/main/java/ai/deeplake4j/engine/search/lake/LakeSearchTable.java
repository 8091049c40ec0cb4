package ai.deeplake4j.engine.search.lake;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.engine.cancel.QueryCancellation;
import ai.deeplake4j.engine.search.exec.SearchableTable;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.engine.table.RowIdSet;
import ai.deeplake4j.engine.table.RowLocator;
import ai.deeplake4j.engine.table.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * A lake table as the search layer sees it (ARCHITECTURE D2, D3): values and {@code _id}s read
 * with DuckDB from the Parquet files of the current snapshot, and changes since an older snapshot
 * from the data files the snapshots in between added and removed (copy-on-write: a rewritten row
 * keeps its {@code _id}, so it shows up as removed and upserted).
 */
public final class LakeSearchTable implements SearchableTable {

    private final LakeTable table;
    private final long snapshotId;
    private final Supplier<Connection> connections;
    private final RowLocator locator;

    /**
     * @param table       the table, refreshed by the caller
     * @param connections new DuckDB connections (closed after each read)
     * @param locator     the table's row places, kept across queries
     */
    public LakeSearchTable(LakeTable table, Supplier<Connection> connections, RowLocator locator) {
        this.table = table;
        this.snapshotId = table.snapshotId();
        this.connections = connections;
        this.locator = locator;
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    public long snapshotId() {
        return snapshotId;
    }

    @Override
    public ColumnType columnType(String column) {
        for (Column c : table.schema().columns()) {
            if (c.name().equals(column)) {
                return c.type();
            }
        }
        return null;
    }

    /** SQL of the current snapshot's rows with {@code _id}. */
    public String scanWithId() {
        return table.scanSql(table.dataFiles(snapshotId), true, false);
    }

    /**
     * SQL of just the rows with the given ids (in the current snapshot), read by their places in
     * the data files; an empty relation for no ids; null when some id is not in the snapshot or
     * the table is too large to map ({@link RowLocator#maxRows()}).
     */
    public String rowsWithIds(List<String> ids) {
        if (ids.isEmpty()) {
            return table.scanSql(List.of(), true, false);
        }
        if (table.rowCount() > locator.maxRows()) {
            return null;
        }
        List<RowLocator.Place> places = locator.locate(table.dataFiles(snapshotId), ids);
        return places == null ? null : table.rowsAtSql(places);
    }

    @Override
    public List<ColumnRow> rows(String column) {
        return read(table.scanSql(table.dataFiles(snapshotId), true, false), column);
    }

    private List<ColumnRow> read(String scan, String column) {
        String sql = "SELECT CAST(_id AS VARCHAR), " + Sql.identifier(column) + " FROM (" + scan + ") WHERE "
                + Sql.identifier(column) + " IS NOT NULL";
        List<ColumnRow> out = new ArrayList<>();
        try (Connection c = connections.get(); Statement s = c.createStatement(); QueryCancellation.Tracked tracked = QueryCancellation.track(s);
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new ColumnRow(rs.getString(1), value(rs.getObject(2))));
            }
        } catch (SQLException e) {
            throw new QueryException("Cannot read column " + column + " of table " + name() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** TEXT as String, FLOAT[] as float[], FLOAT[][] as float[][]. */
    private static Object value(Object v) throws SQLException {
        if (v instanceof Array a) {
            Object[] items = (Object[]) a.getArray();
            if (items.length > 0 && items[0] instanceof Array) {
                float[][] m = new float[items.length][];
                for (int i = 0; i < items.length; i++) {
                    m[i] = (float[]) value(items[i]);
                }
                return m;
            }
            float[] f = new float[items.length];
            for (int i = 0; i < items.length; i++) {
                f[i] = ((Number) items[i]).floatValue();
            }
            return f;
        }
        return v;
    }

    @Override
    public Set<String> idsWhere(String condition) {
        return idsWhere(condition, name());
    }

    /**
     * {@link #idsWhere(String)} with the table referred to as {@code alias} in the condition. The
     * ids are read as UUIDs into a {@link RowIdSet} (text conversion of a million ids would cost
     * more than the search).
     */
    public Set<String> idsWhere(String condition, String alias) {
        String sql = "SELECT _id FROM (" + scanWithId() + ") AS " + Sql.identifier(alias) + " WHERE " + condition;
        try (Connection c = connections.get(); Statement s = c.createStatement(); QueryCancellation.Tracked tracked = QueryCancellation.track(s);
             ResultSet rs = s.executeQuery(sql)) {
            RowIdSet out = new RowIdSet(1024);
            while (rs.next()) {
                out.add((java.util.UUID) rs.getObject(1));
            }
            return out;
        } catch (SQLException e) {
            throw new QueryException("Cannot evaluate the filter on table " + name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Exact cosine top-k computed by DuckDB ({@code list_cosine_similarity}) over the current
     * snapshot, restricted to {@code filter} ids when given.
     */
    public List<ai.deeplake4j.engine.search.Hit> exactCosineTopK(String column, float[] query, int k, Set<String> filter) {
        StringBuilder sql = new StringBuilder("SELECT CAST(_id AS VARCHAR), ")
                .append(ai.deeplake4j.engine.search.sql.ExactSql.cosine(Sql.identifier(column), query)).append(" AS s FROM (")
                .append(scanWithId()).append(") WHERE ").append(Sql.identifier(column)).append(" IS NOT NULL");
        if (filter != null) {
            if (filter.isEmpty()) {
                return List.of();
            }
            sql.append(" AND CAST(_id AS VARCHAR) IN (SELECT unnest(?::VARCHAR[]))");
        }
        sql.append(" ORDER BY s DESC, 1 LIMIT ").append(k);
        List<ai.deeplake4j.engine.search.Hit> out = new ArrayList<>();
        try (Connection c = connections.get(); java.sql.PreparedStatement s = c.prepareStatement(sql.toString());
             QueryCancellation.Tracked tracked = QueryCancellation.track(s)) {
            if (filter != null) {
                s.setArray(1, c.createArrayOf("VARCHAR", filter.toArray()));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ai.deeplake4j.engine.search.Hit(rs.getString(1), rs.getDouble(2)));
                }
            }
        } catch (SQLException e) {
            throw new QueryException("Cannot search column " + column + " of table " + name() + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public Changes changesSince(long fromSnapshot, String column) {
        Table iceberg = table.iceberg();
        Set<String> added = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        Snapshot s = iceberg.snapshot(snapshotId);
        List<Snapshot> chain = new ArrayList<>();
        while (s != null && s.snapshotId() != fromSnapshot) {
            chain.add(s);
            s = s.parentId() == null ? null : iceberg.snapshot(s.parentId());
        }
        if (s == null) {
            return null;
        }
        // Oldest first, so a file added and later removed cancels out.
        for (int i = chain.size() - 1; i >= 0; i--) {
            Snapshot snap = chain.get(i);
            for (DataFile f : snap.removedDataFiles(iceberg.io())) {
                if (!added.remove(f.location())) {
                    removed.add(f.location());
                }
            }
            for (DataFile f : snap.addedDataFiles(iceberg.io())) {
                added.add(f.location());
            }
        }
        // Copy-on-write rewrites and compaction move unchanged rows to new files: compare values by
        // _id so only rows that really changed reach the index.
        List<ColumnRow> before;
        List<ColumnRow> after;
        try {
            before = removed.isEmpty() ? List.of() : readAll(List.copyOf(removed), column);
            after = added.isEmpty() ? List.of() : readAll(List.copyOf(added), column);
        } catch (QueryException e) {
            return null; // a file of the history is gone: rebuild from the current snapshot
        }
        java.util.Map<String, Object> old = new java.util.HashMap<>(before.size() * 2);
        before.forEach(r -> old.put(r.id(), r.value()));
        Set<String> present = new HashSet<>(after.size() * 2);
        List<ColumnRow> upserts = new ArrayList<>();
        Set<String> removedIds = new HashSet<>();
        for (ColumnRow r : after) {
            present.add(r.id());
            boolean existed = old.containsKey(r.id());
            if (existed && sameValue(old.get(r.id()), r.value())) {
                continue;
            }
            if (existed) {
                removedIds.add(r.id());
            }
            if (r.value() != null) {
                upserts.add(r);
            }
        }
        for (String id : old.keySet()) {
            if (!present.contains(id)) {
                removedIds.add(id);
            }
        }
        return new Changes(removedIds, upserts);
    }

    /** Every row of the files with its value of {@code column}, null values included. */
    private List<ColumnRow> readAll(List<String> files, String column) {
        String sql = "SELECT CAST(_id AS VARCHAR), " + Sql.identifier(column) + " FROM (" + table.scanSql(files, true, false) + ")";
        List<ColumnRow> out = new ArrayList<>();
        try (Connection c = connections.get(); Statement s = c.createStatement(); QueryCancellation.Tracked tracked = QueryCancellation.track(s);
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new ColumnRow(rs.getString(1), value(rs.getObject(2))));
            }
        } catch (SQLException e) {
            throw new QueryException("Cannot read the history of table " + name() + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof float[] x && b instanceof float[] y) {
            return java.util.Arrays.equals(x, y);
        }
        if (a instanceof float[][] x && b instanceof float[][] y) {
            return java.util.Arrays.deepEquals(x, y);
        }
        return java.util.Objects.equals(a, b);
    }
}
