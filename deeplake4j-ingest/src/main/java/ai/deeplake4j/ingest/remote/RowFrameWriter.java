package ai.deeplake4j.ingest.remote;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.ingest.write.TableSchema;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes one {@link RowStreamFormat} stream. Accepts the storage forms of each column and the
 * usual Java equivalents (any {@link Number}, {@code float[]}, {@code double[]}, lists of
 * numbers). Not thread-safe.
 */
public final class RowFrameWriter implements AutoCloseable {

    private final DataOutputStream out;
    private final TableSchema schema;

    /** Writes the header at once. */
    public RowFrameWriter(OutputStream sink, TableSchema schema, long startPosition) {
        this.out = new DataOutputStream(new BufferedOutputStream(sink, 64 * 1024));
        this.schema = schema;
        try {
            out.write(RowStreamFormat.MAGIC);
            out.writeInt(RowStreamFormat.VERSION);
            out.writeLong(startPosition);
            out.writeInt(schema.size());
            for (Column c : schema.columns()) {
                out.writeUTF(c.name());
                out.writeUTF(c.type().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Encodes one row and returns its approximate size in bytes.
     *
     * @throws IngestException naming the column when a value does not fit its type
     */
    public int row(Object[] row) {
        if (row.length != schema.size()) {
            throw new IngestException("Row has " + row.length + " values but the table has " + schema.size()
                    + " columns " + schema.names() + ".");
        }
        int before = out.size();
        try {
            out.writeByte(RowStreamFormat.ROW);
            for (int i = 0; i < row.length; i++) {
                value(schema.get(i), row[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size() - before;
    }

    /** A mark frame at {@code position}. */
    public void mark(long position) {
        control(RowStreamFormat.MARK, position);
    }

    /** A rollback frame to the mark at {@code position}. */
    public void rollback(long position) {
        control(RowStreamFormat.ROLLBACK, position);
    }

    /** The closing commit frame with the number of live rows; flushes. */
    public void commit(long rows) {
        control(RowStreamFormat.COMMIT, rows);
        flush();
    }

    /** Pushes buffered bytes to the sink. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void control(byte tag, long value) {
        try {
            out.writeByte(tag);
            out.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void value(Column column, Object v) throws IOException {
        if (v == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        TypeKind.Storage storage = column.type().kind().storage();
        try {
            switch (storage) {
                case TEXT -> bytes(v.toString().getBytes(StandardCharsets.UTF_8));
                case INT32 -> out.writeInt(((Number) v).intValue());
                case INT64 -> out.writeLong(((Number) v).longValue());
                case FLOAT32 -> out.writeFloat(((Number) v).floatValue());
                case FLOAT64 -> out.writeDouble(((Number) v).doubleValue());
                case BOOL -> out.writeByte(((Boolean) v) ? 1 : 0);
                case BYTES -> bytes(v instanceof ByteBuffer b ? toArray(b) : (byte[]) v);
                case FLOAT_LIST -> floats(v);
                case FLOAT_MATRIX -> matrix(v);
                case null -> throw new IngestException("Column " + column.name() + " of type FILE cannot be stored.");
            }
        } catch (ClassCastException e) {
            throw new IngestException("Column " + column.name() + " (" + column.type() + ") cannot hold a "
                    + v.getClass().getSimpleName() + " value.", e);
        }
    }

    private void bytes(byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private void floats(Object v) throws IOException {
        switch (v) {
            case float[] f -> {
                out.writeInt(f.length);
                for (float x : f) {
                    out.writeFloat(x);
                }
            }
            case double[] d -> {
                out.writeInt(d.length);
                for (double x : d) {
                    out.writeFloat((float) x);
                }
            }
            case List<?> l -> {
                out.writeInt(l.size());
                for (Object x : l) {
                    out.writeFloat(((Number) x).floatValue());
                }
            }
            default -> throw new ClassCastException(v.getClass().getName());
        }
    }

    private void matrix(Object v) throws IOException {
        switch (v) {
            case float[][] m -> {
                out.writeInt(m.length);
                for (float[] r : m) {
                    floats(r);
                }
            }
            case double[][] m -> {
                out.writeInt(m.length);
                for (double[] r : m) {
                    floats(r);
                }
            }
            case List<?> l -> {
                out.writeInt(l.size());
                for (Object r : l) {
                    floats(r);
                }
            }
            default -> throw new ClassCastException(v.getClass().getName());
        }
    }

    /** Flushes and closes the sink. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
