package ai.deeplake4j.api.schema;

/**
 * One column of a table.
 *
 * @param name  the column name as stored
 * @param type  its type
 * @param index the search index type on this column (e.g. {@code bm25}, {@code clustered}), or null
 */
public record Column(String name, ColumnType type, String index) {
    public Column(String name, ColumnType type) {
        this(name, type, null);
    }
}
