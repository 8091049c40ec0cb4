package ai.deeplake4j.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns a value from either system's JDBC/Java results into one canonical string, so that equal
 * SQL values compare equal whatever Java class carries them: numbers by value (12 significant
 * digits, so a float8 computed in another order still matches), byte strings as PostgreSQL's
 * {@code \x} hex, timestamps in UTC ISO form, arrays element by element, JSON re-serialized.
 * {@link #family(Object)} names the type family compared alongside.
 */
final class Canonical {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MathContext DIGITS = new MathContext(12);

    private Canonical() {
    }

    static String value(Object v) {
        try {
            return text(v);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read a value of " + v.getClass(), e);
        }
    }

    private static String text(Object v) throws SQLException {
        return switch (v) {
            case null -> "NULL";
            case Boolean b -> b ? "t" : "f";
            case Byte n -> String.valueOf(n);
            case Short n -> String.valueOf(n);
            case Integer n -> String.valueOf(n);
            case Long n -> String.valueOf(n);
            case BigInteger n -> n.toString();
            case BigDecimal n -> n.signum() == 0 ? "0" : n.round(DIGITS).stripTrailingZeros().toPlainString();
            case Float f -> floating(Double.parseDouble(f.toString()));
            case Double d -> floating(d);
            case String s -> s;
            case byte[] b -> "\\x" + HexFormat.of().formatHex(b);
            case java.sql.Timestamp t -> t.toLocalDateTime().toString();
            case LocalDateTime t -> t.toString();
            case OffsetDateTime t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.sql.Time t -> t.toLocalTime().toString();
            case java.sql.Array a -> list(List.of((Object[]) a.getArray()));
            case List<?> l -> list(l);
            case Map<?, ?> m -> m.toString();
            case org.postgresql.util.PGobject o when o.getType() != null && o.getType().startsWith("json") -> json(o.getValue());
            default -> v.toString();
        };
    }

    private static String floating(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        return d == 0 ? "0" : new BigDecimal(d).round(DIGITS).stripTrailingZeros().toPlainString();
    }

    private static String list(List<?> items) throws SQLException {
        List<String> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(text(item));
        }
        return "{" + String.join(",", out) + "}";
    }

    private static String json(String s) {
        try {
            return JSON.writeValueAsString(JSON.readTree(s));
        } catch (Exception e) {
            return s;
        }
    }

    /** A JSON text as the canonical form of a JSON value, for the side that returns JSON as a plain string. */
    static String jsonIfParsable(String s) {
        return json(s);
    }

    /**
     * The type family of a value: integer, numeric, float, text, boolean, bytes, temporal, array,
     * other; null for NULL. PostgreSQL's int2/int4/int8 are one family, as are float4/float8.
     */
    static String family(Object v) {
        return switch (v) {
            case null -> null;
            case Byte n -> "integer";
            case Short n -> "integer";
            case Integer n -> "integer";
            case Long n -> "integer";
            case BigInteger n -> "integer";
            case BigDecimal n -> "numeric";
            case Float f -> "float";
            case Double d -> "float";
            case Boolean b -> "boolean";
            case String s -> "text";
            case org.postgresql.util.PGobject o when o.getType() != null && o.getType().startsWith("json") -> "text";
            case byte[] b -> "bytes";
            case java.sql.Timestamp t -> "timestamp";
            case LocalDateTime t -> "timestamp";
            case OffsetDateTime t -> "timestamp";
            case java.sql.Date d -> "date";
            case java.time.LocalDate d -> "date";
            case java.sql.Time t -> "time";
            case java.time.LocalTime t -> "time";
            case java.sql.Array a -> "array";
            case List<?> l -> "array";
            default -> "other:" + v.getClass().getSimpleName();
        };
    }
}
