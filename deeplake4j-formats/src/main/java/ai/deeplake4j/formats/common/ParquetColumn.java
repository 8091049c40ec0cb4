package ai.deeplake4j.formats.common;

/**
 * A column of a Parquet file as DuckDB describes it.
 *
 * @param name the column name
 * @param type DuckDB's type name, e.g. {@code BIGINT}, {@code FLOAT[]}, {@code STRUCT(bytes BLOB, path VARCHAR)}
 */
public record ParquetColumn(String name, String type) {

    /** Whether DuckDB reads it as a list of numbers ({@code FLOAT[]}, {@code DOUBLE[6]}, ...). */
    public boolean isNumberList() {
        return type.matches("(FLOAT|DOUBLE|REAL|INTEGER|BIGINT|SMALLINT|TINYINT)\\[\\d*\\]");
    }

    /** Whether it is a whole-number scalar. */
    public boolean isIntegral() {
        return type.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT)|HUGEINT)");
    }

    /** Whether it is a floating-point scalar. */
    public boolean isFloating() {
        return type.equals("FLOAT") || type.equals("DOUBLE") || type.startsWith("DECIMAL");
    }
}
