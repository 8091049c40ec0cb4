package ai.deeplake4j.formats;

import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableStore;
import ai.deeplake4j.ingest.write.TableWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table store in memory for pipeline tests: committed rows per table, as column-name maps. */
public final class MemoryStore implements TableStore {
    public final Map<String, TableSchema> schemas = new HashMap<>();
    public final Map<String, List<Map<String, Object>>> committed = new HashMap<>();

    @Override
    public TableWriter openWriter(String table, TableSchema schema) {
        schemas.putIfAbsent(table, schema);
        TableSchema s = schemas.get(table);
        List<Map<String, Object>> target = committed.computeIfAbsent(table, t -> new ArrayList<>());
        return new TableWriter() {
            private final List<Object[]> pending = new ArrayList<>();

            @Override public TableSchema columns() { return s; }
            @Override public void append(Object[] row) { pending.add(row); }
            @Override public void flush() { }
            @Override public long mark() { return pending.size(); }
            @Override public void rollbackTo(long mark) { pending.subList((int) mark, pending.size()).clear(); }
            @Override public long pendingRows() { return pending.size(); }
            @Override public long pendingBytes() { return 0; }
            @Override public void commit() {
                for (Object[] r : pending) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < s.size(); i++) {
                        m.put(s.get(i).name(), r[i]);
                    }
                    target.add(m);
                }
                pending.clear();
            }
            @Override public long sync() { return target.size(); }
            @Override public void abort() { pending.clear(); }
            @Override public void close() { }
        };
    }

    @Override
    public String datasetPath(String table) {
        return "al://default/" + table;
    }

    public List<Map<String, Object>> rows(String table) {
        return committed.getOrDefault(table, List.of());
    }
}
