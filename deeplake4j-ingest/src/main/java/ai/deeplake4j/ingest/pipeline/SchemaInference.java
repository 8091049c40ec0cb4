package ai.deeplake4j.ingest.pipeline;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Infers a column type from its first non-null value (ARCHITECTURE 2.4): Boolean → BOOL,
 * integral → INT64, floating → FLOAT64, String → TEXT, byte[] → BINARY, list of numbers (or
 * float[]/double[]) → EMBEDDING(N) with N its length, list of lists of numbers → EMBEDDING_2D,
 * Map → JSONB. A column with only nulls is TEXT.
 */
public final class SchemaInference {
    private SchemaInference() {
    }

    /** @throws IngestException naming the column when the value's type has no column type */
    public static ColumnType infer(String column, List<?> values) {
        Object v = null;
        for (Object o : values) {
            if (o != null) {
                v = o;
                break;
            }
        }
        if (v == null) {
            return ColumnType.of(TypeKind.TEXT);
        }
        if (v instanceof Boolean) {
            return ColumnType.of(TypeKind.BOOL);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            return ColumnType.of(TypeKind.INT64);
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return ColumnType.of(TypeKind.FLOAT64);
        }
        if (v instanceof CharSequence) {
            return ColumnType.of(TypeKind.TEXT);
        }
        if (v instanceof byte[] || v instanceof ByteBuffer) {
            return ColumnType.of(TypeKind.BINARY);
        }
        if (v instanceof float[] f) {
            return ColumnType.embedding(f.length);
        }
        if (v instanceof double[] d) {
            return ColumnType.embedding(d.length);
        }
        if (v instanceof float[][]) {
            return ColumnType.of(TypeKind.EMBEDDING_2D);
        }
        if (v instanceof Map) {
            return ColumnType.of(TypeKind.JSONB);
        }
        if (v instanceof List<?> list) {
            if (!list.isEmpty() && list.stream().allMatch(e -> e instanceof Number)) {
                return ColumnType.embedding(list.size());
            }
            if (!list.isEmpty() && list.stream().allMatch(e -> e instanceof List<?> l && !l.isEmpty()
                    && l.stream().allMatch(x -> x instanceof Number))) {
                return ColumnType.of(TypeKind.EMBEDDING_2D);
            }
            return ColumnType.of(TypeKind.JSONB);
        }
        throw new IngestException("Column '" + column + "': cannot infer a type from " + v.getClass().getName()
                + ". Give the column a type in the schema option (e.g. TEXT, INT64, EMBEDDING(384), BINARY).");
    }
}
