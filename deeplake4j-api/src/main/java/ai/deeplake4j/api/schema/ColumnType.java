package ai.deeplake4j.api.schema;

import ai.deeplake4j.api.error.TableException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type: a {@link TypeKind} and, for {@code EMBEDDING(N)}, the dimension N.
 *
 * @param kind      the kind, never null
 * @param dimension the fixed vector length for EMBEDDING, or 0 when not fixed
 */
public record ColumnType(TypeKind kind, int dimension) {

    private static final Pattern SIZED = Pattern.compile("([A-Za-z_0-9]+)\\s*(?:\\(\\s*(\\d+)\\s*\\))?");

    public ColumnType {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension must be >= 0, got " + dimension);
        }
        if (dimension > 0 && kind != TypeKind.EMBEDDING) {
            throw new IllegalArgumentException("only EMBEDDING takes a dimension, got " + kind + "(" + dimension + ")");
        }
    }

    public static ColumnType of(TypeKind kind) {
        return new ColumnType(kind, 0);
    }

    public static ColumnType embedding(int dimension) {
        return new ColumnType(TypeKind.EMBEDDING, dimension);
    }

    /**
     * Parses a type name as users write it: {@code TEXT}, {@code int64}, {@code EMBEDDING(384)},
     * {@code EMBEDDING_2D}; case-insensitive.
     *
     * @throws TableException naming the type and the accepted names when it is unknown
     */
    public static ColumnType parse(String name) {
        if (name == null) {
            throw new TableException("Column type is missing. Use one of " + java.util.Arrays.toString(TypeKind.values()) + ".");
        }
        Matcher m = SIZED.matcher(name.trim());
        if (!m.matches()) {
            throw unknown(name);
        }
        TypeKind kind;
        try {
            kind = TypeKind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw unknown(name);
        }
        int dim = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (dim > 0 && kind != TypeKind.EMBEDDING) {
            throw new TableException("Type " + kind + " takes no size: '" + name + "'. Only EMBEDDING(N) has one.");
        }
        return new ColumnType(kind, dim);
    }

    private static TableException unknown(String name) {
        return new TableException("Unknown column type: '" + name + "'. Use one of "
                + java.util.Arrays.toString(TypeKind.values()) + " (EMBEDDING may take a size, e.g. EMBEDDING(384)).");
    }

    /** True when values of {@code other} can be stored in a column of this type. */
    public boolean accepts(ColumnType other) {
        if (kind != other.kind) {
            return false;
        }
        return dimension == 0 || other.dimension == 0 || dimension == other.dimension;
    }

    @Override
    public String toString() {
        return dimension > 0 ? kind + "(" + dimension + ")" : kind.name();
    }
}
