package ai.deeplake4j.ingest.write;

/**
 * Where the ingest pipeline writes: the embedded lake or a remote server. Creates the table on
 * first write, or checks the schema against an existing table.
 */
public interface TableStore {

    /**
     * Opens a writer on {@code table}, creating it with {@code schema} if it does not exist (a
     * writer that created its table removes it again on {@link TableWriter#discard()} when
     * nothing was committed).
     * The returned writer's {@link TableWriter#columns()} is the table's full schema, which may
     * have more columns than asked for (they are written as NULL).
     *
     * @throws ai.deeplake4j.api.error.TableException when the table exists and a column of
     *         {@code schema} is missing from it or has another type (the message names it)
     */
    TableWriter openWriter(String table, TableSchema schema);

    /** {@code al://<workspace>/<table>}. */
    String datasetPath(String table);
}
