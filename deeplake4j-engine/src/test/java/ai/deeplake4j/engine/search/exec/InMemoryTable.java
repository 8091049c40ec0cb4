package ai.deeplake4j.engine.search.exec;

import ai.deeplake4j.api.schema.ColumnType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A versioned table in memory: each commit is a snapshot of id -> (column -> value). */
final class InMemoryTable implements SearchableTable {
    private final Map<String, ColumnType> columns;
    private final List<Map<String, Map<String, Object>>> snapshots = new ArrayList<>();
    private Map<String, Map<String, Object>> current = new LinkedHashMap<>();

    InMemoryTable(Map<String, ColumnType> columns) {
        this.columns = columns;
    }

    void put(String id, Map<String, Object> values) {
        current.put(id, values);
    }

    void remove(String id) {
        current.remove(id);
    }

    void commit() {
        snapshots.add(current);
        current = new LinkedHashMap<>(current);
    }

    @Override
    public String name() {
        return "docs";
    }

    @Override
    public long snapshotId() {
        return snapshots.size() - 1;
    }

    @Override
    public ColumnType columnType(String column) {
        return columns.get(column);
    }

    @Override
    public List<ColumnRow> rows(String column) {
        List<ColumnRow> out = new ArrayList<>();
        snapshots.get(snapshots.size() - 1).forEach((id, v) -> {
            if (v.get(column) != null) {
                out.add(new ColumnRow(id, v.get(column)));
            }
        });
        return out;
    }

    @Override
    public Set<String> idsWhere(String condition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Changes changesSince(long snapshotId, String column) {
        Map<String, Map<String, Object>> old = snapshots.get((int) snapshotId);
        Map<String, Map<String, Object>> now = snapshots.get(snapshots.size() - 1);
        Set<String> removed = new HashSet<>();
        List<ColumnRow> upserts = new ArrayList<>();
        old.forEach((id, v) -> {
            if (!now.containsKey(id) || now.get(id) != v) {
                removed.add(id);
            }
        });
        now.forEach((id, v) -> {
            if (old.get(id) != v && v.get(column) != null) {
                upserts.add(new ColumnRow(id, v.get(column)));
            }
        });
        return new Changes(removed, upserts);
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
