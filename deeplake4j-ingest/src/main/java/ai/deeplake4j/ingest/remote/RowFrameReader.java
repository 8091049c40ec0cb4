package ai.deeplake4j.ingest.remote;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.ingest.write.TableSchema;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a {@link RowStreamFormat} stream. Values come back in their storage form: String,
 * Integer, Long, Float, Double, Boolean, byte[], float[], float[][]. A single value larger than
 * {@code maxValueBytes} is refused before it is allocated, so a hostile length cannot exhaust
 * memory.
 */
public final class RowFrameReader {

    /** One decoded frame. */
    public sealed interface Frame permits Row, Mark, Rollback, Commit {
    }

    /** A row, values in header column order. */
    public record Row(Object[] values) implements Frame {
    }

    /** A mark at a client position. */
    public record Mark(long position) implements Frame {
    }

    /** A rollback to the mark at a client position. */
    public record Rollback(long position) implements Frame {
    }

    /** The closing commit with the client's count of live rows. */
    public record Commit(long rows) implements Frame {
    }

    private final DataInputStream in;
    private final long maxValueBytes;
    private final TableSchema schema;
    private final long startPosition;

    /**
     * Reads the header.
     *
     * @throws IngestException when the stream is not a row stream of a known version
     * @throws EOFException    when the stream ends inside the header
     */
    public RowFrameReader(InputStream source, long maxValueBytes) throws IOException {
        this.in = new DataInputStream(new BufferedInputStream(source, 64 * 1024));
        this.maxValueBytes = maxValueBytes;
        byte[] magic = in.readNBytes(RowStreamFormat.MAGIC.length);
        if (!Arrays.equals(magic, RowStreamFormat.MAGIC)) {
            throw new IngestException("Not a deeplake4j row stream (bad magic bytes).");
        }
        int version = in.readInt();
        if (version != RowStreamFormat.VERSION) {
            throw new IngestException("Row stream version " + version + " is not supported (expected "
                    + RowStreamFormat.VERSION + "). Upgrade the client or the server.");
        }
        startPosition = in.readLong();
        int n = in.readInt();
        if (n <= 0 || n > 10_000) {
            throw new IngestException("Row stream declares " + n + " columns; expected 1 to 10000.");
        }
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(new Column(in.readUTF(), ColumnType.parse(in.readUTF())));
        }
        schema = new TableSchema(columns);
    }

    /** Columns of the header, in value order. */
    public TableSchema schema() {
        return schema;
    }

    /** The client position of the first row of this stream. */
    public long startPosition() {
        return startPosition;
    }

    /**
     * The next frame.
     *
     * @throws EOFException    when the stream ends before a commit frame (a broken stream)
     * @throws IngestException on an unknown frame or an oversized value
     */
    public Frame next() throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case RowStreamFormat.ROW -> row();
            case RowStreamFormat.MARK -> new Mark(in.readLong());
            case RowStreamFormat.ROLLBACK -> new Rollback(in.readLong());
            case RowStreamFormat.COMMIT -> new Commit(in.readLong());
            default -> throw new IngestException("Unknown row stream frame 0x" + Integer.toHexString(tag & 0xff) + ".");
        };
    }

    private Row row() throws IOException {
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readByte() == 0 ? null : value(schema.get(i));
        }
        return new Row(values);
    }

    private Object value(Column column) throws IOException {
        TypeKind.Storage storage = column.type().kind().storage();
        if (storage == null) {
            throw new IngestException("Column " + column.name() + " of type FILE cannot be stored.");
        }
        return switch (storage) {
            case TEXT -> new String(bytes(column, 1), StandardCharsets.UTF_8);
            case INT32 -> in.readInt();
            case INT64 -> in.readLong();
            case FLOAT32 -> in.readFloat();
            case FLOAT64 -> in.readDouble();
            case BOOL -> in.readByte() != 0;
            case BYTES -> bytes(column, 1);
            case FLOAT_LIST -> floats(column);
            case FLOAT_MATRIX -> {
                int rows = length(column, 4);
                float[][] m = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    m[r] = floats(column);
                }
                yield m;
            }
        };
    }

    private byte[] bytes(Column column, int unit) throws IOException {
        int n = length(column, unit);
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private float[] floats(Column column) throws IOException {
        int n = length(column, 4);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = in.readFloat();
        }
        return f;
    }

    private int length(Column column, int unit) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * unit > maxValueBytes) {
            throw new IngestException("A value of column " + column.name() + " is " + n * (long) unit
                    + " bytes; the server accepts at most " + maxValueBytes + " bytes per value.");
        }
        return n;
    }
}
