package ai.deeplake4j.engine.sql;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Column types of {@code CREATE TABLE}: PostgreSQL names (as pg_deeplake takes them) and the
 * Deeplake names (IMAGE, EMBEDDING(384), ...). Constraints after the type (NOT NULL, PRIMARY KEY,
 * DEFAULT ...) are ignored: tables have no constraints, as in Deeplake.
 */
public final class PgTypes {
    private static final Pattern ARRAY = Pattern.compile("(.*?)((?:\\[\\d*\\])+)");
    private static final Pattern VECTOR = Pattern.compile("vector\\((\\d+)\\)");
    private static final Pattern CONSTRAINT = Pattern.compile(
            "\\s+(not\\s+null|null|primary\\s+key|unique|default\\s+.*|references\\s+.*|check\\s*\\(.*|collate\\s+.*)$",
            Pattern.CASE_INSENSITIVE);

    private PgTypes() {
    }

    /** @throws QueryException naming the column for a type with no Deeplake equivalent */
    public static ColumnType parse(String column, String typeText) {
        String t = typeText.strip().replaceAll("\\s+", " ");
        Matcher c;
        while ((c = CONSTRAINT.matcher(t)).find()) {
            t = t.substring(0, c.start()).strip();
        }
        String lower = t.toLowerCase(Locale.ROOT);
        Matcher array = ARRAY.matcher(lower);
        if (array.matches()) {
            String element = array.group(1).strip();
            if (!isFloat(element)) {
                throw unsupported(column, typeText);
            }
            String dims = array.group(2);
            long depth = dims.chars().filter(ch -> ch == '[').count();
            if (depth == 1) {
                String size = dims.substring(1, dims.length() - 1);
                return size.isEmpty() ? ColumnType.of(TypeKind.EMBEDDING) : ColumnType.embedding(Integer.parseInt(size));
            }
            if (depth == 2) {
                return ColumnType.of(TypeKind.EMBEDDING_2D);
            }
            throw unsupported(column, typeText);
        }
        Matcher vector = VECTOR.matcher(lower);
        if (vector.matches()) {
            return ColumnType.embedding(Integer.parseInt(vector.group(1)));
        }
        String base = lower.replaceAll("\\(.*\\)", "").strip();
        switch (base) {
            case "text", "varchar", "character varying", "char", "character", "string", "bpchar", "name", "uuid":
                return ColumnType.of(TypeKind.TEXT);
            case "int", "int4", "integer", "smallint", "int2", "tinyint":
                return ColumnType.of(TypeKind.INT32);
            case "bigint", "int8", "serial", "serial4", "bigserial", "serial8", "long":
                return ColumnType.of(TypeKind.INT64);
            case "real", "float4":
                return ColumnType.of(TypeKind.FLOAT32);
            case "double precision", "float8", "float", "double", "numeric", "decimal":
                return ColumnType.of(TypeKind.FLOAT64);
            case "bool", "boolean":
                return ColumnType.of(TypeKind.BOOL);
            case "json", "jsonb":
                return ColumnType.of(TypeKind.JSONB);
            case "bytea", "blob":
                return ColumnType.of(TypeKind.BINARY);
            default:
                break;
        }
        try {
            ColumnType ct = ColumnType.parse(t);
            if (ct.kind() == TypeKind.FILE) {
                throw unsupported(column, typeText);
            }
            return ct;
        } catch (TableException e) {
            throw unsupported(column, typeText);
        }
    }

    private static boolean isFloat(String element) {
        return switch (element) {
            case "float4", "real", "float", "float8", "double precision", "double" -> true;
            default -> false;
        };
    }

    private static QueryException unsupported(String column, String type) {
        return new QueryException("Column '" + column + "': type '" + type.strip() + "' is not supported. Use TEXT, INT4, INT8, "
                + "FLOAT4, FLOAT8, BOOL, JSONB, BYTEA, FLOAT4[] (embedding), FLOAT4[][] or a Deeplake type such as IMAGE or EMBEDDING(384).");
    }
}
