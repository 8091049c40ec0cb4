package ai.deeplake4j.engine.sql;

import ai.deeplake4j.api.error.QueryException;
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
                row.put(names[i], value(rs, i + 1));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * One value of a column, or a {@link QueryException} naming the column when DuckDB's driver has
     * no Java form for it: {@code TIME '24:00:00'} is valid in PostgreSQL and DuckDB but beyond
     * {@link java.time.LocalTime} (so is the TIME column of {@code test_all_types()}), and the
     * driver cannot read it even as text.
     */
    private static Object value(ResultSet rs, int column) throws SQLException {
        Object v;
        try {
            v = rs.getObject(column);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            ResultSetMetaData md = rs.getMetaData();
            throw new QueryException("Column '" + md.getColumnLabel(column) + "' (" + md.getColumnTypeName(column)
                    + ") holds a value that cannot be returned (" + e.getMessage() + "; TIME '24:00:00' is one such)."
                    + " Cast the column to TEXT in the query, e.g. SELECT " + md.getColumnLabel(column) + "::TEXT.", e);
        }
        return value(v);
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
