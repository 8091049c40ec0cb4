package ai.deeplake4j.api.schema;

import java.util.List;

/**
 * What {@code describeTable} returns.
 *
 * @param name        table name
 * @param datasetPath {@code al://<workspace>/<table>}
 * @param columns     user columns in table order (the hidden {@code _id} is not listed)
 * @param rowCount    rows in the current snapshot
 * @param snapshotId  the current snapshot id, or -1 for a table with no commit yet
 */
public record TableInfo(String name, String datasetPath, List<Column> columns, long rowCount, long snapshotId) {
    public TableInfo {
        columns = List.copyOf(columns);
    }

    /** The column with this name, or null. */
    public Column column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
    }
}
