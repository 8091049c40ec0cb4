package ai.deeplake4j.engine.dataset;

import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.TypeKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * Runs a DuckDB query and copies its Arrow result into {@link ColumnData}: numeric columns and
 * embedding data in bulk from Arrow buffers (no per-value boxing), text and bytes per row. The
 * Arrow memory is released before this returns, so callers own plain Java arrays only.
 */
final class ArrowColumns {
    private static final int ARROW_BATCH = 4096;

    private ArrowColumns() {
    }

    /**
     * Streams the result of {@code sql} to {@code sink} in chunks of up to {@value #ARROW_BATCH}
     * rows, one {@link ColumnData} per column of {@code columns}, in order.
     */
    static void stream(java.sql.Connection connection, BufferAllocator allocator, String sql, List<Column> columns,
                       java.util.function.Consumer<Map<String, ColumnData>> sink) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(sql);
             ArrowReader reader = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, ARROW_BATCH)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                int rows = root.getRowCount();
                Map<String, ColumnData> chunk = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    Column c = columns.get(i);
                    chunk.put(c.name(), convert(root.getVector(i), c.type().kind(), rows));
                }
                sink.accept(chunk);
            }
        } catch (java.io.IOException e) {
            throw new SQLException("Cannot read Arrow batches: " + e.getMessage(), e);
        }
    }

    /** The whole result of {@code sql} as columns (for small reads: a shuffle window). */
    static Map<String, ColumnData> read(java.sql.Connection connection, BufferAllocator allocator, String sql,
                                        List<Column> columns) throws SQLException {
        Map<String, ColumnData> all = new LinkedHashMap<>();
        columns.forEach(c -> all.put(c.name(), empty(c.type().kind())));
        stream(connection, allocator, sql, columns, chunk -> chunk.forEach((name, data) -> all.put(name, all.get(name).concat(data))));
        return all;
    }

    static ColumnData empty(TypeKind kind) {
        return switch (kind.storage()) {
            case INT64 -> new ColumnData.Longs(new long[0], null);
            case INT32 -> new ColumnData.Ints(new int[0], null);
            case FLOAT64 -> new ColumnData.Doubles(new double[0], null);
            case FLOAT32 -> new ColumnData.Floats(new float[0], null);
            case BOOL -> new ColumnData.Booleans(new boolean[0], null);
            case FLOAT_LIST -> new ColumnData.Vectors(new float[0], 0, 0, null);
            default -> new ColumnData.Objects(new Object[0]);
        };
    }

    private static boolean[] nulls(FieldVector v, int rows) {
        if (v.getNullCount() == 0) {
            return null;
        }
        boolean[] n = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            n[i] = v.isNull(i);
        }
        return n;
    }

    private static ByteBuffer data(FieldVector v, int bytes) {
        return v.getDataBuffer().nioBuffer(0, bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ColumnData convert(FieldVector v, TypeKind kind, int rows) {
        switch (kind.storage()) {
            case INT64 -> {
                long[] out = new long[rows];
                data(v, rows * 8).asLongBuffer().get(out);
                return new ColumnData.Longs(out, nulls(v, rows));
            }
            case INT32 -> {
                int[] out = new int[rows];
                data(v, rows * 4).asIntBuffer().get(out);
                return new ColumnData.Ints(out, nulls(v, rows));
            }
            case FLOAT64 -> {
                double[] out = new double[rows];
                data(v, rows * 8).asDoubleBuffer().get(out);
                return new ColumnData.Doubles(out, nulls(v, rows));
            }
            case FLOAT32 -> {
                float[] out = new float[rows];
                data(v, rows * 4).asFloatBuffer().get(out);
                return new ColumnData.Floats(out, nulls(v, rows));
            }
            case BOOL -> {
                BitVector b = (BitVector) v;
                boolean[] out = new boolean[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = !b.isNull(i) && b.get(i) == 1;
                }
                return new ColumnData.Booleans(out, nulls(v, rows));
            }
            case TEXT -> {
                VarCharVector t = (VarCharVector) v;
                Object[] out = new Object[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = t.isNull(i) ? null : new String(t.get(i), StandardCharsets.UTF_8);
                }
                return new ColumnData.Objects(out);
            }
            case BYTES -> {
                VarBinaryVector b = (VarBinaryVector) v;
                Object[] out = new Object[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = b.isNull(i) ? null : ByteBuffer.wrap(b.get(i)).asReadOnlyBuffer();
                }
                return new ColumnData.Objects(out);
            }
            case FLOAT_LIST -> {
                return vectors((ListVector) v, rows);
            }
            case FLOAT_MATRIX -> {
                Object[] out = new Object[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = v.getObject(i);
                }
                return new ColumnData.Objects(out);
            }
            default -> throw new IllegalStateException("unsupported column kind " + kind);
        }
    }

    /** Bulk-copies fixed-length vectors; rows of another length make the column ragged (an error). */
    private static ColumnData vectors(ListVector list, int rows) {
        Float4Vector values = (Float4Vector) list.getDataVector();
        boolean[] nulls = nulls(list, rows);
        int dim = -1;
        for (int i = 0; i < rows; i++) {
            if (nulls == null || !nulls[i]) {
                int len = list.getElementEndIndex(i) - list.getElementStartIndex(i);
                if (dim < 0) {
                    dim = len;
                } else if (len != dim) {
                    throw new IllegalStateException("vectors of " + dim + " and " + len
                            + " values in one column: batches need a fixed dimension (declare EMBEDDING(N))");
                }
            }
        }
        if (dim < 0) {
            return new ColumnData.Vectors(new float[0], 0, rows, nulls);
        }
        float[] out = new float[rows * dim];
        ByteBuffer buffer = values.getDataBuffer().nioBuffer(0, values.getValueCount() * 4).order(ByteOrder.LITTLE_ENDIAN);
        if (nulls == null && list.getElementStartIndex(0) == 0) {
            buffer.asFloatBuffer().get(out, 0, rows * dim);
        } else {
            java.nio.FloatBuffer floats = buffer.asFloatBuffer();
            for (int i = 0; i < rows; i++) {
                if (nulls == null || !nulls[i]) {
                    floats.get(list.getElementStartIndex(i), out, i * dim, dim);
                }
            }
        }
        return new ColumnData.Vectors(out, dim, rows, nulls);
    }
}
