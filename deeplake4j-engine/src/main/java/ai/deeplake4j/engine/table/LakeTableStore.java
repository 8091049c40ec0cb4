package ai.deeplake4j.engine.table;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.engine.lake.Lake;
import ai.deeplake4j.api.Names;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableStore;
import ai.deeplake4j.ingest.write.TableWriter;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.apache.iceberg.catalog.Namespace;
import org.duckdb.DuckDBConnection;

/** The embedded {@link TableStore}: writers on the tables of one workspace of a lake. */
public final class LakeTableStore implements TableStore {
    private final Lake lake;
    private final Namespace namespace;
    private final Supplier<DuckDBConnection> connections;
    private final String workspace;

    /**
     * @param connections opens a new DuckDB connection for each writer (the writer closes it)
     */
    public LakeTableStore(Lake lake, Namespace namespace, String workspace, Supplier<DuckDBConnection> connections) {
        this.lake = lake;
        this.namespace = namespace;
        this.workspace = workspace;
        this.connections = connections;
    }

    /**
     * Opens a writer on {@code table}, creating it when it does not exist.
     *
     * @throws TableException a table or column name that breaks its rule ({@link Names}), or a
     *                        schema the existing table does not accept
     */
    @Override
    public TableWriter openWriter(String table, TableSchema schema) {
        schema.columns().forEach(c -> Names.column(c.name()));
        LakeTable t = lake.load(namespace, Names.table(table));
        boolean created = false;
        if (t == null) {
            try {
                t = lake.create(namespace, table, schema);
                created = true;
            } catch (TableException e) {
                t = lake.load(namespace, table); // created concurrently
                if (t == null) {
                    throw e;
                }
                checkCompatible(t, schema);
            }
        } else {
            checkCompatible(t, schema);
        }
        String name = t.name();
        return new LakeTableWriter(t, connections.get(), created ? () -> dropIfEmpty(name) : null);
    }

    /**
     * Drops a table a discarded writer created, unless it has a snapshot by now (another writer
     * committed to it meanwhile). Iceberg has no conditional drop, so a commit landing between the
     * check and the drop (milliseconds) would be lost with it; only two writers creating the same
     * table at once, one of them failing before its first commit, can meet that.
     */
    private void dropIfEmpty(String table) {
        LakeTable t = lake.load(namespace, table);
        if (t != null && t.iceberg().currentSnapshot() == null) {
            lake.drop(namespace, table);
        }
    }

    /**
     * Appending is allowed when every incoming column exists with a type of the same family
     * (integers, floats, text, bytes, vectors of the same dimension, matrices), or integers
     * going into a float column.
     *
     * @throws TableException naming the first column that does not fit
     */
    static void checkCompatible(LakeTable table, TableSchema incoming) {
        TableSchema existing = table.schema();
        for (Column c : incoming.columns()) {
            int pos = existing.indexOf(c.name());
            if (pos < 0) {
                throw new TableException("Cannot append to table '" + table.name() + "': it has no column '" + c.name()
                        + "' (columns: " + existing.names() + "). Ingest into a new table or drop this one.");
            }
            ColumnType have = existing.get(pos).type();
            if (!sameFamily(have, c.type())) {
                throw new TableException("Cannot append to table '" + table.name() + "': column '" + c.name() + "' is "
                        + have + " but the data is " + c.type() + ".");
            }
        }
    }

    private static boolean sameFamily(ColumnType have, ColumnType want) {
        TypeKind.Storage a = have.kind().storage();
        TypeKind.Storage b = want.kind().storage();
        if (a == TypeKind.Storage.FLOAT_LIST && b == a) {
            return have.dimension() == 0 || want.dimension() == 0 || have.dimension() == want.dimension();
        }
        // Integers widen into float columns; the reverse would lose the fraction.
        return family(a) == family(b) || (family(a) == 2 && family(b) == 1);
    }

    private static int family(TypeKind.Storage s) {
        return switch (s) {
            case INT32, INT64 -> 1;
            case FLOAT32, FLOAT64 -> 2;
            default -> 10 + s.ordinal();
        };
    }

    @Override
    public String datasetPath(String table) {
        return "al://" + workspace + "/" + table;
    }

    static DuckDBConnection duplicate(DuckDBConnection root) {
        try {
            return (DuckDBConnection) root.duplicate();
        } catch (SQLException e) {
            throw new TableException("Cannot open a DuckDB connection: " + e.getMessage(), e);
        }
    }
}
