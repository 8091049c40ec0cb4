package ai.deeplake4j.engine.sql;

import ai.deeplake4j.api.error.QueryException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns bound parameter values into SQL literals, so that {@code $n} can be substituted in
 * statements DuckDB cannot prepare (COPY, CREATE ... AS) and vectors can be bound (the Deeplake
 * REST API cannot bind vectors; we can). Strings use standard quoting, so a value can never
 * end its literal.
 */
public final class SqlLiterals {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlLiterals() {
    }

    /** Replaces every {@code $n} token by the literal of {@code params[n-1]}. */
    public static List<Token> inline(List<Token> tokens, Object[] params) {
        List<Token> out = new ArrayList<>(tokens.size());
        boolean[] used = new boolean[params.length];
        for (Token t : tokens) {
            if (t.kind() == Token.Kind.PARAMETER) {
                int n = Integer.parseInt(t.text().substring(1));
                if (n < 1 || n > params.length) {
                    throw new QueryException("Parameter " + t.text() + " at position " + (t.start() + 1) + " has no value: "
                            + params.length + " parameter(s) were given.");
                }
                used[n - 1] = true;
                out.add(new Token(Token.Kind.STRING, literal(params[n - 1]), t.start()));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** The SQL literal for a Java value. */
    public static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof String || v instanceof Character || v instanceof java.util.UUID || v instanceof java.time.temporal.Temporal) {
            return quote(v.toString());
        }
        if (v instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? "CAST(" + v + " AS DOUBLE)" : "CAST('" + d + "' AS DOUBLE)";
        }
        if (v instanceof byte[] b) {
            return "from_hex('" + HexFormat.of().formatHex(b) + "')";
        }
        if (v instanceof ByteBuffer bb) {
            ByteBuffer d = bb.duplicate();
            byte[] b = new byte[d.remaining()];
            d.get(b);
            return literal(b);
        }
        if (v instanceof float[] || v instanceof double[] || v instanceof int[] || v instanceof long[]) {
            return vector(v) + "::FLOAT[]";
        }
        if (v instanceof float[][] m) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < m.length; i++) {
                sb.append(i == 0 ? "" : ",").append(vector(m[i]));
            }
            return sb.append("]::FLOAT[][]").toString();
        }
        if (v instanceof Map<?, ?> map) {
            try {
                return quote(JSON.writeValueAsString(map));
            } catch (JsonProcessingException e) {
                throw new QueryException("Cannot bind a map parameter as JSON: " + e.getOriginalMessage());
            }
        }
        if (v instanceof List<?> list) {
            if (!list.isEmpty() && list.stream().allMatch(e -> e instanceof Number)) {
                return vector(list) + "::FLOAT[]";
            }
            if (!list.isEmpty() && list.stream().allMatch(e -> e instanceof List<?> l && l.stream().allMatch(x -> x instanceof Number))) {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < list.size(); i++) {
                    sb.append(i == 0 ? "" : ",").append(vector(list.get(i)));
                }
                return sb.append("]::FLOAT[][]").toString();
            }
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(literal(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Number n) {
            return literal(n.doubleValue());
        }
        throw new QueryException("Cannot bind a parameter of type " + v.getClass().getName()
                + ": use a string, number, boolean, byte[], float[] or list of numbers.");
    }

    private static String vector(Object v) {
        StringBuilder sb = new StringBuilder("[");
        switch (v) {
            case float[] f -> {
                for (int i = 0; i < f.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(f[i]);
                }
            }
            case double[] d -> {
                for (int i = 0; i < d.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(d[i]);
                }
            }
            case int[] a -> {
                for (int i = 0; i < a.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(a[i]);
                }
            }
            case long[] a -> {
                for (int i = 0; i < a.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(a[i]);
                }
            }
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    if (!(l.get(i) instanceof Number num)) {
                        throw new QueryException("Vector parameter element " + i + " is not a number: " + l.get(i));
                    }
                    sb.append(i == 0 ? "" : ",").append(num.doubleValue());
                }
            }
            default -> throw new QueryException("Not a vector: " + v.getClass().getName());
        }
        return sb.append(']').toString();
    }

    public static String quote(String s) {
        return '\'' + s.replace("'", "''") + '\'';
    }
}
