package ai.deeplake4j.api.schema;

/**
 * The column types of a Deeplake table (ARCHITECTURE 2.4). Each kind is stored in one
 * {@link Storage} form; the domain types (IMAGE, VIDEO, ...) keep their meaning in the table's
 * metadata so readers know how to decode them.
 */
public enum TypeKind {
    TEXT(Storage.TEXT),
    INT32(Storage.INT32),
    INT64(Storage.INT64),
    FLOAT32(Storage.FLOAT32),
    FLOAT64(Storage.FLOAT64),
    BOOL(Storage.BOOL),
    /** JSON text; queried with {@code ->}, {@code ->>}. */
    JSONB(Storage.TEXT),
    BINARY(Storage.BYTES),
    /** A vector of float32; {@code EMBEDDING(N)} fixes the dimension N. */
    EMBEDDING(Storage.FLOAT_LIST),
    /** A matrix of float32 (one vector per token, for MaxSim late interaction): {@code float4[][]}. */
    EMBEDDING_2D(Storage.FLOAT_MATRIX),
    IMAGE(Storage.BYTES),
    VIDEO(Storage.BYTES),
    SEGMENT_MASK(Storage.BYTES),
    BINARY_MASK(Storage.BYTES),
    /** Float array, e.g. {@code [x, y, w, h]}. */
    BOUNDING_BOX(Storage.FLOAT_LIST),
    /** Float array, e.g. {@code [x, y]}. */
    POINT(Storage.FLOAT_LIST),
    CLASS_LABEL(Storage.INT32),
    POLYGON(Storage.BYTES),
    MESH(Storage.BYTES),
    MEDICAL(Storage.BYTES),
    /** Directive for ingest: the column holds file paths to normalize. Never stored. */
    FILE(null);

    /** Physical representation of a column's values. */
    public enum Storage { TEXT, INT32, INT64, FLOAT32, FLOAT64, BOOL, BYTES, FLOAT_LIST, FLOAT_MATRIX }

    private final Storage storage;

    TypeKind(Storage storage) {
        this.storage = storage;
    }

    /** The physical form, or {@code null} for {@link #FILE}. */
    public Storage storage() {
        return storage;
    }
}
