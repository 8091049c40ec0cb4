package ai.deeplake4j.engine.table;

import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.engine.lake.Lake;
import ai.deeplake4j.ingest.write.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * One Iceberg table of the lake, as the engine sees it: user schema, data files of a snapshot,
 * and the DuckDB SQL that reads them by Parquet field id (so renamed and added columns resolve).
 */
public final class LakeTable {
    private final Table table;
    private final Lake lake;
    private volatile FileList files = new FileList(Long.MIN_VALUE, List.of());

    private record FileList(long snapshotId, List<DataFile> files) {
        List<String> paths() {
            return files.stream().map(DataFile::location).toList();
        }
    }

    private final String location;
    private final List<Types.NestedField> columns;
    private final String fieldIds;
    private final org.apache.iceberg.PartitionSpec spec;

    public LakeTable(Table table, Lake lake) {
        this.table = table;
        this.lake = lake;
        // Read once: each read of table metadata may refresh it, which would make a commit in
        // flight on another thread see "stale metadata" and retry.
        this.location = table.location();
        this.spec = table.spec();
        this.columns = List.copyOf(table.schema().columns());
        this.fieldIds = fieldIds(columns);
    }

    /** The (unpartitioned) partition spec, for building data files. */
    public org.apache.iceberg.PartitionSpec spec() {
        return spec;
    }

    public Table iceberg() {
        return table;
    }

    public Lake lake() {
        return lake;
    }

    public String name() {
        return table.name().substring(table.name().lastIndexOf('.') + 1);
    }

    /** Re-reads the catalog pointer; cheap when nothing changed. */
    public LakeTable refresh() {
        table.refresh();
        return this;
    }

    /** The current snapshot id, or -1 before the first commit. */
    public long snapshotId() {
        Snapshot s = table.currentSnapshot();
        return s == null ? -1 : s.snapshotId();
    }

    /** Rows in the current snapshot. */
    public long rowCount() {
        Snapshot s = table.currentSnapshot();
        if (s == null) {
            return 0;
        }
        String total = s.summary().get("total-records");
        return total == null ? 0 : Long.parseLong(total);
    }

    /** The table's top-level Iceberg fields ({@code _id} and the user columns), as read when it was loaded. */
    public List<Types.NestedField> fields() {
        return columns;
    }

    /** User columns in table order (without {@code _id}). */
    public TableSchema schema() {
        List<Column> cols = new ArrayList<>();
        for (Types.NestedField f : columns) {
            if (!f.name().equals(Lake.ROW_ID)) {
                cols.add(new Column(f.name(), ColumnTypes.fromField(f)));
            }
        }
        return new TableSchema(cols);
    }

    /** The Iceberg field id of each user column (without {@code _id}), by column name, in table order. */
    public java.util.Map<String, Integer> fieldIdsByColumn() {
        java.util.Map<String, Integer> ids = new java.util.LinkedHashMap<>();
        for (Types.NestedField f : columns) {
            if (!f.name().equals(Lake.ROW_ID)) {
                ids.put(f.name(), f.fieldId());
            }
        }
        return ids;
    }

    /** Data files of the current snapshot (cached per snapshot). */
    public List<String> dataFiles() {
        return dataFiles(snapshotId());
    }

    /** Data file paths of a snapshot, or none for -1. */
    public List<String> dataFiles(long snapshotId) {
        return fileList(snapshotId).paths();
    }

    /** The Iceberg data files of a snapshot (cached for the latest one asked). */
    public List<DataFile> dataFileEntries(long snapshotId) {
        return fileList(snapshotId).files();
    }

    private FileList fileList(long snapshotId) {
        FileList cached = files;
        if (cached.snapshotId() == snapshotId) {
            return cached;
        }
        List<DataFile> found = new ArrayList<>();
        if (snapshotId != -1) {
            try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshotId).planFiles()) {
                for (FileScanTask t : tasks) {
                    found.add(t.file().copyWithoutStats());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        found.sort(java.util.Comparator.comparing(DataFile::location));
        FileList list = new FileList(snapshotId, List.copyOf(found));
        files = list;
        return list;
    }

    /**
     * SQL reading the given files as a relation with {@code _id} (when {@code withRowId}), the user
     * columns, and a {@code __dl_file} column naming each row's file (when {@code withFile}).
     *
     * <p>Columns are read by name: every data file is written with all the table's columns (absent
     * values as NULL), and reading by name is about twice as fast in DuckDB as mapping Parquet field
     * ids with {@code schema=}. Renaming or adding columns would need the field-id mapping.
     */
    public String scanSql(List<String> paths, boolean withRowId, boolean withFile) {
        if (paths.isEmpty()) {
            return "SELECT " + columnList(withRowId, true) + (withFile ? ", CAST(NULL AS VARCHAR) AS __dl_file" : "") + " LIMIT 0";
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(columnList(withRowId, false));
        if (withFile) {
            sql.append(", __dl_file");
        }
        sql.append(" FROM read_parquet([");
        for (int i = 0; i < paths.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Sql.literal(paths.get(i)));
        }
        sql.append(']');
        if (withFile) {
            sql.append(", filename='__dl_file'");
        }
        return sql.append(')').toString();
    }

    /**
     * SQL reading just the rows at the given places, with {@code _id} and the user columns, as
     * {@link #scanSql} does for whole files. Each file is read with a filter on its row numbers, so
     * DuckDB decodes only the row groups holding those rows.
     *
     * @param places at least one
     */
    public String rowsAtSql(List<RowLocator.Place> places) {
        Map<String, List<Long>> byFile = new java.util.LinkedHashMap<>();
        for (RowLocator.Place p : places) {
            byFile.computeIfAbsent(p.file(), f -> new ArrayList<>()).add(p.position());
        }
        String columns = columnList(true, false);
        StringBuilder sql = new StringBuilder();
        for (Map.Entry<String, List<Long>> e : byFile.entrySet()) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT ").append(columns).append(" FROM read_parquet(")
                    .append(Sql.literal(e.getKey())).append(", file_row_number=true) WHERE file_row_number IN (");
            List<Long> positions = e.getValue();
            for (int i = 0; i < positions.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(positions.get(i));
            }
            sql.append(')');
        }
        return sql.toString();
    }

    /** The columns in table order, {@code _id} first when asked; typed NULLs for an empty relation. */
    private String columnList(boolean withRowId, boolean nulls) {
        StringBuilder select = new StringBuilder();
        for (Types.NestedField f : columns) {
            if (!withRowId && f.name().equals(Lake.ROW_ID)) {
                continue;
            }
            select.append(select.isEmpty() ? "" : ", ");
            if (nulls) {
                select.append("CAST(NULL AS ").append(duckType(f)).append(") AS ");
            }
            select.append(Sql.identifier(f.name()));
        }
        return select.toString();
    }

    /** The {@code FIELD_IDS} option of a DuckDB {@code COPY} writing this table's columns. */
    public String fieldIds() {
        return fieldIds;
    }

    private static String fieldIds(List<Types.NestedField> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < fields.size(); i++) {
            Types.NestedField f = fields.get(i);
            sb.append(i == 0 ? "" : ", ").append(Sql.identifier(f.name())).append(": ").append(fieldId(f.fieldId(), f.type()));
        }
        return sb.append('}').toString();
    }

    private static String fieldId(int id, Type type) {
        if (!type.isListType()) {
            return Integer.toString(id);
        }
        Types.NestedField element = type.asListType().fields().getFirst();
        return "{__duckdb_field_id: " + id + ", element: " + fieldId(element.fieldId(), element.type()) + "}";
    }

    private static String duckType(Types.NestedField f) {
        return f.name().equals(Lake.ROW_ID) ? "UUID" : ColumnTypes.duckdb(ColumnTypes.fromField(f));
    }

    /** Directory for this table's new data files. */
    public String dataLocation() {
        return location + "/data";
    }
}
