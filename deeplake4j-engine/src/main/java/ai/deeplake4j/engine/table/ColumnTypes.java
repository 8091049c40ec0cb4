package ai.deeplake4j.engine.table;

import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Maps column types to Iceberg types, DuckDB types and back. The Deeplake type (e.g. IMAGE,
 * EMBEDDING(384)) is kept in the Iceberg field's doc as {@code deeplake:<TYPE>}, since several
 * Deeplake types share one physical type.
 */
public final class ColumnTypes {
    private static final String DOC_PREFIX = "deeplake:";

    private ColumnTypes() {
    }

    /** The Iceberg type; nested ids are placeholders, reassigned when the table is created. */
    public static Type iceberg(ColumnType type, java.util.function.IntSupplier ids) {
        return switch (type.kind().storage()) {
            case TEXT -> Types.StringType.get();
            case INT32 -> Types.IntegerType.get();
            case INT64 -> Types.LongType.get();
            case FLOAT32 -> Types.FloatType.get();
            case FLOAT64 -> Types.DoubleType.get();
            case BOOL -> Types.BooleanType.get();
            case BYTES -> Types.BinaryType.get();
            case FLOAT_LIST -> Types.ListType.ofOptional(ids.getAsInt(), Types.FloatType.get());
            case FLOAT_MATRIX -> Types.ListType.ofOptional(ids.getAsInt(),
                    Types.ListType.ofOptional(ids.getAsInt(), Types.FloatType.get()));
        };
    }

    /** The DuckDB type of values as read back (embeddings as {@code FLOAT[]}). */
    public static String duckdb(ColumnType type) {
        return switch (type.kind().storage()) {
            case TEXT -> "VARCHAR";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case BOOL -> "BOOLEAN";
            case BYTES -> "BLOB";
            case FLOAT_LIST -> "FLOAT[]";
            case FLOAT_MATRIX -> "FLOAT[][]";
        };
    }

    /**
     * The DuckDB type rows are staged in before a data file is written: fixed {@code FLOAT[N]} for
     * sized vectors, because DuckDB's appender takes {@code float[]} only for fixed arrays.
     */
    public static String staging(ColumnType type) {
        if (type.kind().storage() == TypeKind.Storage.FLOAT_LIST && type.dimension() > 0) {
            return "FLOAT[" + type.dimension() + "]";
        }
        return duckdb(type);
    }

    public static String doc(ColumnType type) {
        return DOC_PREFIX + type;
    }

    /** The column type of an Iceberg field, from its doc or else from its physical type. */
    public static ColumnType fromField(Types.NestedField field) {
        String doc = field.doc();
        if (doc != null && doc.startsWith(DOC_PREFIX)) {
            return ColumnType.parse(doc.substring(DOC_PREFIX.length()));
        }
        Type t = field.type();
        return switch (t.typeId()) {
            case STRING -> ColumnType.of(TypeKind.TEXT);
            case INTEGER -> ColumnType.of(TypeKind.INT32);
            case LONG -> ColumnType.of(TypeKind.INT64);
            case FLOAT -> ColumnType.of(TypeKind.FLOAT32);
            case DOUBLE -> ColumnType.of(TypeKind.FLOAT64);
            case BOOLEAN -> ColumnType.of(TypeKind.BOOL);
            case BINARY, FIXED -> ColumnType.of(TypeKind.BINARY);
            case LIST -> t.asListType().elementType().isListType()
                    ? ColumnType.of(TypeKind.EMBEDDING_2D) : ColumnType.of(TypeKind.EMBEDDING);
            default -> throw new IllegalStateException("unsupported Iceberg type " + t + " of column " + field.name());
        };
    }
}
