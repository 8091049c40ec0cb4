package ai.deeplake4j.ingest.pipeline;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks and types a batch of column data: {@code {column: [values]}} with equal lengths. */
final class ColumnBatches {
    private ColumnBatches() {
    }

    /**
     * Number of rows in the batch.
     *
     * @throws IngestException when a value is not a list, lengths differ, or the batch is empty
     */
    static int rowCount(String table, Map<String, ?> batch) {
        if (batch.isEmpty()) {
            throw new IngestException("Nothing to ingest into '" + table + "': the data has no columns.");
        }
        int rows = -1;
        String first = null;
        for (Map.Entry<String, ?> e : batch.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IngestException("Data for '" + table + "' has a column with no name.");
            }
            if (!(e.getValue() instanceof List<?> list)) {
                throw new IngestException("Column '" + e.getKey() + "' must be a list of values, got "
                        + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName())
                        + ". Data is a map of column name to a list with one value per row.");
            }
            if (rows < 0) {
                rows = list.size();
                first = e.getKey();
            } else if (list.size() != rows) {
                throw new IngestException("Columns have unequal lengths: '" + first + "' has " + rows + " values, '"
                        + e.getKey() + "' has " + list.size() + ". Every column needs one value per row.");
            }
        }
        if (rows == 0) {
            throw new IngestException("Nothing to ingest into '" + table + "': the columns have no rows.");
        }
        return rows;
    }

    /** Column types: explicit schema wins over declared (format) types, which win over inference. */
    static Map<String, ColumnType> types(Map<String, ?> batch, Map<String, ColumnType> explicit,
                                         Map<String, ColumnType> declared) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : batch.entrySet()) {
            ColumnType t = explicit.get(e.getKey());
            if (t == null) {
                t = declared.get(e.getKey());
            }
            if (t == null) {
                t = SchemaInference.infer(e.getKey(), (List<?>) e.getValue());
            }
            if (t.kind() == TypeKind.FILE) {
                throw new IngestException("Column '" + e.getKey() + "' is typed FILE here, which only applies to file paths.");
            }
            types.put(e.getKey(), t);
        }
        for (String c : explicit.keySet()) {
            if (!batch.containsKey(c)) {
                throw new IngestException("Schema names column '" + c + "', which is not in the data. Columns: " + batch.keySet());
            }
        }
        return types;
    }
}
