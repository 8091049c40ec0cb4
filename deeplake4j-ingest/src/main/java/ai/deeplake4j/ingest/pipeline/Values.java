package ai.deeplake4j.ingest.pipeline;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Converts user values to a column's storage form: TEXT/JSONB → String, INT32 → Integer,
 * INT64 → Long, FLOAT32 → Float, FLOAT64 → Double, BOOL → Boolean, bytes → byte[],
 * EMBEDDING-like → float[], EMBEDDING_2D → float[][] (NaN and infinite elements refused in
 * EMBEDDING and EMBEDDING_2D columns). {@code null} stays null.
 * A value that does not fit gives an {@link IngestException} naming the column, row and value.
 */
public final class Values {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    /**
     * @param column the column name, for messages
     * @param row    the row number from 0, for messages
     */
    public static Object toStorage(Object value, ColumnType type, String column, long row) {
        if (value == null) {
            return null;
        }
        try {
            return switch (type.kind().storage()) {
                case TEXT -> text(value, type);
                case INT32 -> Math.toIntExact(integral(value));
                case INT64 -> integral(value);
                case FLOAT32 -> (float) floating(value);
                case FLOAT64 -> floating(value);
                case BOOL -> bool(value);
                case BYTES -> bytes(value);
                case FLOAT_LIST -> embedding(type) ? finite(vector(value, type.dimension())) : vector(value, type.dimension());
                case FLOAT_MATRIX -> embedding(type) ? finite(matrix(value)) : matrix(value);
            };
        } catch (IngestException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IngestException("Column '" + column + "' row " + row + ": cannot store "
                    + describe(value) + " as " + type + " (" + e.getMessage() + ")");
        }
    }

    private static String text(Object v, ColumnType type) {
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        if (type.kind() == ai.deeplake4j.api.schema.TypeKind.JSONB && (v instanceof Map || v instanceof List
                || v instanceof Number || v instanceof Boolean)) {
            try {
                return JSON.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e.getOriginalMessage());
            }
        }
        throw new IllegalArgumentException("expected a string");
    }

    private static long integral(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return (long) d;
            }
            throw new IllegalArgumentException("not a whole number");
        }
        throw new IllegalArgumentException("expected an integer");
    }

    private static double floating(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("expected a number");
    }

    private static Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("expected a boolean");
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof ByteBuffer bb) {
            ByteBuffer d = bb.duplicate();
            byte[] b = new byte[d.remaining()];
            d.get(b);
            return b;
        }
        throw new IllegalArgumentException("expected byte[]");
    }

    static float[] vector(Object v, int dimension) {
        float[] out;
        if (v instanceof float[] f) {
            out = f;
        } else if (v instanceof double[] d) {
            out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
        } else if (v instanceof int[] a) {
            out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
        } else if (v instanceof List<?> list) {
            out = new float[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException("element " + i + " is not a number");
                }
                out[i] = n.floatValue();
            }
        } else {
            throw new IllegalArgumentException("expected a list of numbers or float[]");
        }
        if (dimension > 0 && out.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " values, got " + out.length);
        }
        return out;
    }

    private static boolean embedding(ColumnType type) {
        return type.kind() == TypeKind.EMBEDDING || type.kind() == TypeKind.EMBEDDING_2D;
    }

    /**
     * Refuses NaN and infinite elements of an embedding here, where the column and row can be
     * named: stored, they would only fail later, in {@code createIndex} or a search.
     */
    private static float[] finite(float[] v) {
        int bad = firstNonFinite(v);
        if (bad >= 0) {
            throw new IllegalArgumentException("element " + bad + " is " + v[bad] + "; embeddings must be finite numbers");
        }
        return v;
    }

    private static float[][] finite(float[][] m) {
        for (int i = 0; i < m.length; i++) {
            int bad = firstNonFinite(m[i]);
            if (bad >= 0) {
                throw new IllegalArgumentException("vector " + i + " element " + bad + " is " + m[i][bad]
                        + "; embeddings must be finite numbers");
            }
        }
        return m;
    }

    /** The index of the first NaN or infinite element of {@code v}, or -1 when all are finite. */
    public static int firstNonFinite(float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }

    private static float[][] matrix(Object v) {
        if (v instanceof float[][] m) {
            return m;
        }
        if (v instanceof List<?> rows) {
            float[][] out = new float[rows.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = vector(rows.get(i), 0);
            }
            return out;
        }
        if (v instanceof Object[] rows) {
            float[][] out = new float[rows.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = vector(rows[i], 0);
            }
            return out;
        }
        throw new IllegalArgumentException("expected a list of vectors or float[][]");
    }

    /** A short description of a value for error messages. */
    static String describe(Object v) {
        String s = v instanceof byte[] b ? "byte[" + b.length + "]"
                : v instanceof float[] f ? java.util.Arrays.toString(f) : String.valueOf(v);
        if (s.length() > 40) {
            s = s.substring(0, 40) + "...";
        }
        return v.getClass().getSimpleName() + " '" + s + "'";
    }

    /** Approximate in-memory size of a storage-form value, for memory bounds. */
    public static long sizeOf(Object v) {
        if (v == null) {
            return 1;
        }
        if (v instanceof String s) {
            return 16L + s.length();
        }
        if (v instanceof byte[] b) {
            return 16L + b.length;
        }
        if (v instanceof float[] f) {
            return 16L + 4L * f.length;
        }
        if (v instanceof float[][] m) {
            long n = 16;
            for (float[] r : m) {
                n += 16L + 4L * r.length;
            }
            return n;
        }
        if (v instanceof BigDecimal) {
            return 32;
        }
        return 8;
    }
}
