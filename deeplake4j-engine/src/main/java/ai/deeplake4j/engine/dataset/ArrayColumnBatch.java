package ai.deeplake4j.engine.dataset;

import ai.deeplake4j.api.dataset.ColumnBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link ColumnBatch} over {@link ColumnData}; the arrays are the batch's own (callers may keep them). */
final class ArrayColumnBatch implements ColumnBatch {
    private final Map<String, ColumnData> columns;
    private final int size;

    ArrayColumnBatch(Map<String, ColumnData> columns, int size) {
        this.columns = columns;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<String> columns() {
        return List.copyOf(columns.keySet());
    }

    private <T extends ColumnData> T column(String name, Class<T> kind, String what) {
        ColumnData data = columns.get(name);
        if (data == null) {
            throw new IllegalArgumentException("No column '" + name + "' in this batch; columns: " + columns.keySet());
        }
        if (!kind.isInstance(data)) {
            throw new IllegalArgumentException("Column '" + name + "' holds " + data.getClass().getSimpleName().toLowerCase()
                    + ", not " + what + "; use the accessor of its type or values()");
        }
        return kind.cast(data);
    }

    @Override
    public long[] longs(String column) {
        return column(column, ColumnData.Longs.class, "INT64").values();
    }

    @Override
    public int[] ints(String column) {
        return column(column, ColumnData.Ints.class, "INT32").values();
    }

    @Override
    public double[] doubles(String column) {
        return column(column, ColumnData.Doubles.class, "FLOAT64").values();
    }

    @Override
    public float[] floats(String column) {
        return column(column, ColumnData.Floats.class, "FLOAT32").values();
    }

    @Override
    public boolean[] booleans(String column) {
        return column(column, ColumnData.Booleans.class, "BOOL").values();
    }

    @Override
    public String[] strings(String column) {
        Object[] values = column(column, ColumnData.Objects.class, "text").values();
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && !(values[i] instanceof String)) {
                throw new IllegalArgumentException("Column '" + column + "' does not hold text");
            }
            out[i] = (String) values[i];
        }
        return out;
    }

    @Override
    public ByteBuffer[] bytes(String column) {
        Object[] values = column(column, ColumnData.Objects.class, "bytes").values();
        ByteBuffer[] out = new ByteBuffer[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && !(values[i] instanceof ByteBuffer)) {
                throw new IllegalArgumentException("Column '" + column + "' does not hold bytes");
            }
            out[i] = values[i] == null ? null : ((ByteBuffer) values[i]).duplicate();
        }
        return out;
    }

    @Override
    public float[] vectors(String column) {
        return column(column, ColumnData.Vectors.class, "EMBEDDING").values();
    }

    @Override
    public int dimension(String column) {
        return column(column, ColumnData.Vectors.class, "EMBEDDING").dimension();
    }

    @Override
    public List<Object> values(String column) {
        ColumnData data = column(column, ColumnData.class, "values");
        List<Object> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(data.value(i));
        }
        return out;
    }

    @Override
    public boolean isNull(String column, int row) {
        boolean[] nulls = column(column, ColumnData.class, "values").nulls();
        return nulls != null && nulls[row];
    }
}
