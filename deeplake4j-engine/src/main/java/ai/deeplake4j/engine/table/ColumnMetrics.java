package ai.deeplake4j.engine.table;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.UnicodeUtil;

/**
 * Iceberg column metrics of a Parquet data file, read from the row-group statistics DuckDB wrote
 * ({@code parquet_metadata()}, ARCHITECTURE D3), so Iceberg, Spark and Trino can skip files by
 * value: per top-level column the on-disk size, value count (nulls included) and null count, and
 * lower and upper bounds for the types whose order Iceberg and Parquet agree on:
 * <ul>
 *   <li>{@code int}, {@code long}, {@code boolean}, and {@code uuid} ({@code _id}, compared as
 *       unsigned bytes, which for UUIDv7 is also Java's signed order);</li>
 *   <li>{@code string}, truncated to {@value #STRING_BOUND_CHARS} characters as Iceberg's default
 *       {@code truncate(16)} metrics mode does (the upper bound rounded up, or left out when it
 *       cannot be), and only when DuckDB marks the statistics exact.</li>
 * </ul>
 * Floats and doubles get no bounds (a NaN would make them wrong), nor do binary columns (bytes of
 * media prune nothing) or lists (embeddings). A column whose statistics are missing in any row
 * group gets no bounds: a missing bound only costs pruning, a wrong one loses rows.
 */
final class ColumnMetrics {
    /** Characters kept in string bounds: Iceberg's default {@code write.metadata.metrics.default=truncate(16)}. */
    static final int STRING_BOUND_CHARS = 16;

    private ColumnMetrics() {
    }

    /** Running totals of one column over the row groups. */
    private static final class Column {
        final Types.NestedField field;
        long size;
        long values;
        long nulls;
        boolean nullsKnown = true;
        Object min;
        Object max;
        boolean boundsKnown = true;

        Column(Types.NestedField field) {
            this.field = field;
        }
    }

    /**
     * @param fields the table's top-level fields (the file's columns are named after them)
     * @param rows   the file's row count
     * @throws SQLException when DuckDB cannot read the file's footer
     */
    static Metrics of(Connection connection, String path, List<Types.NestedField> fields, long rows) throws SQLException {
        Map<String, Column> byName = new HashMap<>();
        for (Types.NestedField f : fields) {
            if (f.type().isPrimitiveType()) {
                byName.put(f.name(), new Column(f));
            }
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT path_in_schema, num_values, stats_null_count, stats_min_value, stats_max_value, "
                     + "min_is_exact, max_is_exact, total_compressed_size FROM parquet_metadata(" + Sql.literal(path) + ")")) {
            while (rs.next()) {
                Column c = byName.get(rs.getString(1)); // nested paths ("emb, list, element") match no top-level name
                if (c != null) {
                    add(c, rs);
                }
            }
        }
        Map<Integer, Long> sizes = new HashMap<>();
        Map<Integer, Long> values = new HashMap<>();
        Map<Integer, Long> nulls = new HashMap<>();
        Map<Integer, ByteBuffer> lower = new HashMap<>();
        Map<Integer, ByteBuffer> upper = new HashMap<>();
        for (Column c : byName.values()) {
            int id = c.field.fieldId();
            sizes.put(id, c.size);
            values.put(id, c.values);
            if (c.nullsKnown) {
                nulls.put(id, c.nulls);
            }
            if (c.boundsKnown && c.min != null) {
                putBounds(c, lower, upper);
            }
        }
        return new Metrics(rows, sizes, values, nulls, null, lower, upper);
    }

    private static void add(Column c, ResultSet rs) throws SQLException {
        long values = rs.getLong(2);
        c.values += values;
        c.size += rs.getLong(8);
        long nulls = rs.getLong(3);
        boolean nullsKnown = !rs.wasNull();
        c.nullsKnown &= nullsKnown;
        c.nulls += nulls;
        if (!c.boundsKnown || !hasBounds(c.field.type())) {
            c.boundsKnown = false;
            return;
        }
        String min = rs.getString(4);
        String max = rs.getString(5);
        if (min == null || max == null) {
            // a row group of nulls only has no bounds and needs none; otherwise they are missing
            c.boundsKnown = nullsKnown && nulls == values;
            return;
        }
        if (c.field.type().typeId() == Type.TypeID.STRING && !(rs.getBoolean(6) && rs.getBoolean(7))) {
            c.boundsKnown = false; // DuckDB truncated them: a truncated maximum is no upper bound
            return;
        }
        Object lo = parse(c.field.type(), min);
        Object hi = parse(c.field.type(), max);
        Comparator<Object> order = order(c.field.type());
        if (c.min == null || order.compare(lo, c.min) < 0) {
            c.min = lo;
        }
        if (c.max == null || order.compare(hi, c.max) > 0) {
            c.max = hi;
        }
    }

    private static boolean hasBounds(Type type) {
        return switch (type.typeId()) {
            case INTEGER, LONG, BOOLEAN, UUID, STRING -> true;
            default -> false;
        };
    }

    private static Object parse(Type type, String text) {
        return switch (type.typeId()) {
            case INTEGER -> Integer.parseInt(text);
            case LONG -> Long.parseLong(text);
            case BOOLEAN -> Boolean.parseBoolean(text);
            case UUID -> UUID.fromString(text);
            case STRING -> text;
            default -> throw new IllegalArgumentException("no bounds for " + type);
        };
    }

    @SuppressWarnings("unchecked")
    private static Comparator<Object> order(Type type) {
        Comparator<?> c = switch (type.typeId()) {
            case UUID -> Comparator.comparing((UUID u) -> u.getMostSignificantBits(), Long::compareUnsigned)
                    .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);
            // Parquet orders UTF-8 strings by bytes, which is code point order, as Iceberg compares them
            case STRING -> Comparator.comparing((String s) -> s, ColumnMetrics::compareCodePoints);
            default -> Comparator.naturalOrder();
        };
        return (Comparator<Object>) c;
    }

    private static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static void putBounds(Column c, Map<Integer, ByteBuffer> lower, Map<Integer, ByteBuffer> upper) {
        Type type = c.field.type();
        int id = c.field.fieldId();
        if (type.typeId() == Type.TypeID.STRING) {
            lower.put(id, Conversions.toByteBuffer(type, UnicodeUtil.truncateStringMin((String) c.min, STRING_BOUND_CHARS)));
            String hi = UnicodeUtil.truncateStringMax((String) c.max, STRING_BOUND_CHARS);
            if (hi != null) {
                upper.put(id, Conversions.toByteBuffer(type, hi));
            }
            return;
        }
        lower.put(id, Conversions.toByteBuffer(type, c.min));
        upper.put(id, Conversions.toByteBuffer(type, c.max));
    }
}
