package ai.deeplake4j.engine.index;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The search index types of ARCHITECTURE 2.3 and the column kinds they apply to.
 *
 * <ul>
 *   <li>TEXT: {@link #BM25} (default; English analyzer, BM25 k1 1.2, b 0.75), {@link #INVERTED}
 *       (standard analyzer: lower-cased words, no stemming, BM25 scores), {@link #EXACT_TEXT}
 *       (the whole value is one term: equality lookups; {@code <#>} scores only exact matches).</li>
 *   <li>EMBEDDING: {@link #CLUSTERED} (default; HNSW over float32, cosine),
 *       {@link #CLUSTERED_QUANTIZED} (HNSW over 7-bit scalar-quantized vectors, candidates rescored
 *       at full precision).</li>
 *   <li>EMBEDDING_2D: {@link #POOLED_QUANTIZED} (HNSW over the quantized mean of each matrix's
 *       rows, candidates rescored by exact MaxSim).</li>
 * </ul>
 */
public enum IndexType {
    BM25("bm25", TypeKind.TEXT),
    INVERTED("inverted", TypeKind.TEXT),
    EXACT_TEXT("exact_text", TypeKind.TEXT),
    CLUSTERED("clustered", TypeKind.EMBEDDING),
    CLUSTERED_QUANTIZED("clustered_quantized", TypeKind.EMBEDDING),
    POOLED_QUANTIZED("pooled_quantized", TypeKind.EMBEDDING_2D);

    private final String sqlName;
    private final TypeKind columnKind;

    IndexType(String sqlName, TypeKind columnKind) {
        this.sqlName = sqlName;
        this.columnKind = columnKind;
    }

    /** The name users write ({@code index_type='clustered'}). */
    public String sqlName() {
        return sqlName;
    }

    /** The column kind this index type applies to. */
    public TypeKind columnKind() {
        return columnKind;
    }

    /** True for the text index types. */
    public boolean isText() {
        return columnKind == TypeKind.TEXT;
    }

    /**
     * The type with this name, case-insensitive.
     *
     * @throws TableException naming the unknown type and listing the known ones
     */
    public static IndexType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (IndexType t : values()) {
            if (t.sqlName.equals(n)) {
                return t;
            }
        }
        throw new TableException("Unknown index type: '" + name + "'. Use one of " + describeAll() + ".");
    }

    /** The default index type for a column kind, or null when the kind cannot be indexed. */
    public static IndexType defaultFor(TypeKind kind) {
        return switch (kind) {
            case TEXT -> BM25;
            case EMBEDDING -> CLUSTERED;
            case EMBEDDING_2D -> POOLED_QUANTIZED;
            default -> null;
        };
    }

    /**
     * The index type to build on a column: {@code requested} when it applies to the column's type,
     * the type's default when {@code requested} is null or blank.
     *
     * @throws TableException when the column's type has no index, or the requested type is unknown
     *                        or does not apply (the message lists the types that do)
     */
    public static IndexType resolve(String table, String column, ColumnType columnType, String requested) {
        IndexType dflt = defaultFor(columnType.kind());
        if (dflt == null) {
            throw new TableException("Column " + column + " of table " + table + " has type " + columnType
                    + ", which cannot have a search index. Index a TEXT, EMBEDDING or EMBEDDING_2D column.");
        }
        if (requested == null || requested.isBlank()) {
            return dflt;
        }
        IndexType t = parse(requested);
        if (t.columnKind != columnType.kind()) {
            throw new TableException("Index type " + t.sqlName + " does not apply to column " + column + " of table "
                    + table + " (type " + columnType + "). Use one of " + namesFor(columnType.kind()) + ".");
        }
        return t;
    }

    /** The names of the index types for a column kind, default first, e.g. {@code bm25, inverted, exact_text}. */
    public static String namesFor(TypeKind kind) {
        return Arrays.stream(values()).filter(t -> t.columnKind == kind).map(IndexType::sqlName)
                .collect(Collectors.joining(", "));
    }

    private static String describeAll() {
        List<TypeKind> kinds = List.of(TypeKind.TEXT, TypeKind.EMBEDDING, TypeKind.EMBEDDING_2D);
        return kinds.stream().map(k -> namesFor(k) + " (" + k + ")").collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return sqlName;
    }
}
