package ai.deeplake4j.api.dataset;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A batch of rows held by column, for training loops: numeric columns as primitive arrays,
 * embeddings as one flat {@code float[]} of {@code size() * dimension(column)} values (row-major),
 * binary columns as byte buffers, text as strings. Never a map per row. Accessors throw
 * {@link IllegalArgumentException} naming the column when it is missing or of another kind.
 * Null values read as 0 / NaN / false / null; {@link #isNull(String, int)} tells them apart.
 */
public interface ColumnBatch {

    /** Rows in this batch. */
    int size();

    /** Column names in order. */
    List<String> columns();

    /** INT64 values. */
    long[] longs(String column);

    /** INT32 and CLASS_LABEL values. */
    int[] ints(String column);

    /** FLOAT64 values. */
    double[] doubles(String column);

    /** FLOAT32 values. */
    float[] floats(String column);

    /** BOOL values. */
    boolean[] booleans(String column);

    /** TEXT and JSONB values. */
    String[] strings(String column);

    /** BINARY and domain byte values (IMAGE, VIDEO, ...); read-only buffers. */
    ByteBuffer[] bytes(String column);

    /** Embedding rows of a fixed-size vector column, flattened: row r is {@code [r*dim, (r+1)*dim)}. */
    float[] vectors(String column);

    /** The vector length of an embedding column in this batch. */
    int dimension(String column);

    /** Any column's values boxed, one per row (lists for vectors, byte[] for bytes); the slow, general path. */
    List<Object> values(String column);

    /** True when the value at {@code row} of {@code column} is NULL. */
    boolean isNull(String column, int row);
}
