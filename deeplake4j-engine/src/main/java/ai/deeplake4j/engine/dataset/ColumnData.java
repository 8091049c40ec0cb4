package ai.deeplake4j.engine.dataset;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The values of one column for a run of rows, in a primitive array where the type allows, with a
 * null mask. Immutable once built; {@link #gather} makes the rows of a batch or a shuffle.
 */
sealed interface ColumnData {

    int size();

    /** Null mask, or null when no value is NULL. */
    boolean[] nulls();

    /** The rows at {@code rows[from..to)}, in that order. */
    ColumnData gather(int[] rows, int from, int to);

    /** This column's rows followed by {@code other}'s (same kind). */
    ColumnData concat(ColumnData other);

    /** One row's value as a plain Java object (lists for vectors), for random access. */
    Object value(int row);

    private static boolean[] gatherNulls(boolean[] nulls, int[] rows, int from, int to) {
        if (nulls == null) {
            return null;
        }
        boolean[] out = new boolean[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = nulls[rows[i]];
        }
        return out;
    }

    private static boolean[] concatNulls(boolean[] a, int aSize, boolean[] b, int bSize) {
        if (a == null && b == null) {
            return null;
        }
        boolean[] out = new boolean[aSize + bSize];
        if (a != null) {
            System.arraycopy(a, 0, out, 0, aSize);
        }
        if (b != null) {
            System.arraycopy(b, 0, out, aSize, bSize);
        }
        return out;
    }

    private static boolean isNull(boolean[] nulls, int row) {
        return nulls != null && nulls[row];
    }

    record Longs(long[] values, boolean[] nulls) implements ColumnData {
        public int size() {
            return values.length;
        }

        public ColumnData gather(int[] rows, int from, int to) {
            long[] out = new long[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = values[rows[i]];
            }
            return new Longs(out, gatherNulls(nulls, rows, from, to));
        }

        public ColumnData concat(ColumnData other) {
            Longs o = (Longs) other;
            long[] out = Arrays.copyOf(values, values.length + o.values.length);
            System.arraycopy(o.values, 0, out, values.length, o.values.length);
            return new Longs(out, concatNulls(nulls, size(), o.nulls, o.size()));
        }

        public Object value(int row) {
            return isNull(nulls, row) ? null : values[row];
        }
    }

    record Ints(int[] values, boolean[] nulls) implements ColumnData {
        public int size() {
            return values.length;
        }

        public ColumnData gather(int[] rows, int from, int to) {
            int[] out = new int[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = values[rows[i]];
            }
            return new Ints(out, gatherNulls(nulls, rows, from, to));
        }

        public ColumnData concat(ColumnData other) {
            Ints o = (Ints) other;
            int[] out = Arrays.copyOf(values, values.length + o.values.length);
            System.arraycopy(o.values, 0, out, values.length, o.values.length);
            return new Ints(out, concatNulls(nulls, size(), o.nulls, o.size()));
        }

        public Object value(int row) {
            return isNull(nulls, row) ? null : values[row];
        }
    }

    record Doubles(double[] values, boolean[] nulls) implements ColumnData {
        public int size() {
            return values.length;
        }

        public ColumnData gather(int[] rows, int from, int to) {
            double[] out = new double[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = values[rows[i]];
            }
            return new Doubles(out, gatherNulls(nulls, rows, from, to));
        }

        public ColumnData concat(ColumnData other) {
            Doubles o = (Doubles) other;
            double[] out = Arrays.copyOf(values, values.length + o.values.length);
            System.arraycopy(o.values, 0, out, values.length, o.values.length);
            return new Doubles(out, concatNulls(nulls, size(), o.nulls, o.size()));
        }

        public Object value(int row) {
            return isNull(nulls, row) ? null : values[row];
        }
    }

    record Floats(float[] values, boolean[] nulls) implements ColumnData {
        public int size() {
            return values.length;
        }

        public ColumnData gather(int[] rows, int from, int to) {
            float[] out = new float[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = values[rows[i]];
            }
            return new Floats(out, gatherNulls(nulls, rows, from, to));
        }

        public ColumnData concat(ColumnData other) {
            Floats o = (Floats) other;
            float[] out = Arrays.copyOf(values, values.length + o.values.length);
            System.arraycopy(o.values, 0, out, values.length, o.values.length);
            return new Floats(out, concatNulls(nulls, size(), o.nulls, o.size()));
        }

        public Object value(int row) {
            return isNull(nulls, row) ? null : values[row];
        }
    }

    record Booleans(boolean[] values, boolean[] nulls) implements ColumnData {
        public int size() {
            return values.length;
        }

        public ColumnData gather(int[] rows, int from, int to) {
            boolean[] out = new boolean[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = values[rows[i]];
            }
            return new Booleans(out, gatherNulls(nulls, rows, from, to));
        }

        public ColumnData concat(ColumnData other) {
            Booleans o = (Booleans) other;
            boolean[] out = Arrays.copyOf(values, values.length + o.values.length);
            System.arraycopy(o.values, 0, out, values.length, o.values.length);
            return new Booleans(out, concatNulls(nulls, size(), o.nulls, o.size()));
        }

        public Object value(int row) {
            return isNull(nulls, row) ? null : values[row];
        }
    }

    /** Text, bytes and nested values, one object per row (null for NULL). */
    record Objects(Object[] values) implements ColumnData {
        public int size() {
            return values.length;
        }

        public boolean[] nulls() {
            boolean[] out = null;
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    if (out == null) {
                        out = new boolean[values.length];
                    }
                    out[i] = true;
                }
            }
            return out;
        }

        public ColumnData gather(int[] rows, int from, int to) {
            Object[] out = new Object[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = values[rows[i]];
            }
            return new Objects(out);
        }

        public ColumnData concat(ColumnData other) {
            Objects o = (Objects) other;
            Object[] out = Arrays.copyOf(values, values.length + o.values.length);
            System.arraycopy(o.values, 0, out, values.length, o.values.length);
            return new Objects(out);
        }

        public Object value(int row) {
            Object v = values[row];
            return v instanceof ByteBuffer b ? toBytes(b) : v;
        }

        private static byte[] toBytes(ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
    }

    /**
     * Fixed-length float vectors, flattened row-major; a NULL row holds zeros. {@code dimension}
     * is 0 only while every row so far is NULL.
     */
    record Vectors(float[] values, int dimension, int rows, boolean[] nulls) implements ColumnData {
        public int size() {
            return rows;
        }

        public ColumnData gather(int[] rows, int from, int to) {
            float[] out = new float[(to - from) * dimension];
            for (int i = from; i < to; i++) {
                System.arraycopy(values, rows[i] * dimension, out, (i - from) * dimension, dimension);
            }
            return new Vectors(out, dimension, to - from, gatherNulls(nulls, rows, from, to));
        }

        public ColumnData concat(ColumnData other) {
            Vectors o = (Vectors) other;
            int dim = Math.max(dimension, o.dimension);
            if ((dimension != 0 && dimension != dim) || (o.dimension != 0 && o.dimension != dim)) {
                throw new IllegalStateException("vectors of " + dimension + " and " + o.dimension + " values in one column");
            }
            float[] out = new float[(rows + o.rows) * dim];
            System.arraycopy(values, 0, out, 0, values.length);
            System.arraycopy(o.values, 0, out, rows * dim, o.values.length);
            return new Vectors(out, dim, rows + o.rows, concatNulls(nulls, rows, o.nulls, o.rows));
        }

        public Object value(int row) {
            if (isNull(nulls, row)) {
                return null;
            }
            Float[] v = new Float[dimension];
            for (int i = 0; i < dimension; i++) {
                v[i] = values[row * dimension + i];
            }
            return List.of(v);
        }
    }
}
