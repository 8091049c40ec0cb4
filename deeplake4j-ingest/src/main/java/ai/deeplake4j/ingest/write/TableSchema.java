package ai.deeplake4j.ingest.write;

import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ordered user columns of a table (no hidden {@code _id}). Immutable. */
public record TableSchema(List<Column> columns) {
    public TableSchema {
        columns = List.copyOf(columns);
    }

    public static TableSchema of(Map<String, ColumnType> types) {
        List<Column> cols = new ArrayList<>();
        types.forEach((n, t) -> cols.add(new Column(n, t)));
        return new TableSchema(cols);
    }

    public int size() {
        return columns.size();
    }

    public Column get(int i) {
        return columns.get(i);
    }

    /** Position of a column, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Map<String, ColumnType> types() {
        Map<String, ColumnType> m = new LinkedHashMap<>();
        columns.forEach(c -> m.put(c.name(), c.type()));
        return m;
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }
}
