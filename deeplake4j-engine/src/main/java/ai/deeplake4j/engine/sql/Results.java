package ai.deeplake4j.engine.sql;

import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Converts JDBC results to rows of plain Java values: lists for LIST/ARRAY, {@code byte[]} for
 * BLOB, strings for UUID, maps for STRUCT; numbers, strings and booleans as they are. Column
 * order is kept.
 */
public final class Results {
    private Results() {
    }

    public static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = md.getColumnLabel(i + 1);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                row.put(names[i], value(rs.getObject(i + 1)));
            }
            rows.add(row);
        }
        return rows;
    }

    static Object value(Object v) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof Array a) {
            Object[] items = (Object[]) a.getArray();
            List<Object> out = new ArrayList<>(items.length);
            for (Object item : items) {
                out.add(value(item));
            }
            return out;
        }
        if (v instanceof Blob b) {
            return b.getBytes(1, (int) b.length());
        }
        if (v instanceof UUID u) {
            return u.toString();
        }
        if (v instanceof Struct s) {
            Object[] attrs = s.getAttributes();
            Map<String, Object> m = new LinkedHashMap<>();
            if (s instanceof org.duckdb.DuckDBStruct ds) {
                for (Map.Entry<String, Object> e : ds.getMap().entrySet()) {
                    m.put(e.getKey(), value(e.getValue()));
                }
                return m;
            }
            for (int i = 0; i < attrs.length; i++) {
                m.put("f" + i, value(attrs[i]));
            }
            return m;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> m = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                m.put(value(e.getKey()), value(e.getValue()));
            }
            return m;
        }
        return v;
    }
}
