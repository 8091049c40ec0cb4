package ai.deeplake4j.engine.dataset;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.engine.sql.QueryEngine;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.engine.table.LakeTableWriter;
import ai.deeplake4j.ingest.pipeline.Values;
import ai.deeplake4j.ingest.write.TableSchema;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows a dataset appended and has not committed. They sit in the writer's staging table, invisible
 * to every reader, until {@link #commit(String)} makes them one snapshot with its message.
 */
final class Writes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Writes.class);

    private final QueryEngine engine;
    private final LakeTable table;
    private LakeTableWriter writer;

    Writes(QueryEngine engine, LakeTable table) {
        this.engine = engine;
        this.table = table;
    }

    synchronized void append(Map<String, ? extends List<?>> rows) {
        if (rows == null || rows.isEmpty()) {
            throw new IngestException("append needs a map of column to values with at least one column.");
        }
        TableSchema schema = table.schema();
        int n = -1;
        int[] positions = new int[rows.size()];
        ColumnType[] types = new ColumnType[rows.size()];
        List<?>[] values = new List<?>[rows.size()];
        int c = 0;
        for (Map.Entry<String, ? extends List<?>> e : rows.entrySet()) {
            int pos = schema.indexOf(e.getKey());
            if (pos < 0) {
                throw new IngestException("Table '" + table.name() + "' has no column '" + e.getKey() + "'. Columns: " + schema.names());
            }
            if (e.getValue() == null || (n >= 0 && e.getValue().size() != n)) {
                throw new IngestException("Columns of an append need one value per row each; '" + e.getKey() + "' has "
                        + (e.getValue() == null ? "none" : e.getValue().size()) + " values, expected " + n + ".");
            }
            n = e.getValue().size();
            positions[c] = pos;
            types[c] = schema.get(pos).type();
            values[c++] = e.getValue();
        }
        Object[][] converted = new Object[n][];
        for (int r = 0; r < n; r++) {
            Object[] row = new Object[schema.size()];
            for (int i = 0; i < positions.length; i++) {
                row[positions[i]] = Values.toStorage(values[i].get(r), types[i], schema.get(positions[i]).name(), r);
            }
            converted[r] = row;
        }
        // converted first, so a bad value appends nothing of this call
        if (writer == null) {
            writer = (LakeTableWriter) engine.store().openWriter(table.name(), schema);
        }
        for (Object[] row : converted) {
            writer.append(row);
        }
    }

    synchronized long pending() {
        return writer == null ? 0 : writer.pendingRows();
    }

    /** Commits the pending rows with {@code message}; returns the table's current version afterwards. */
    synchronized long commit(String message) {
        if (writer != null && writer.pendingRows() > 0) {
            writer.commit(message);
            writer.sync();
            engine.compactIfNeeded(table.name());
        }
        return table.refresh().snapshotId();
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            long lost = writer.pendingRows();
            if (lost > 0) {
                LOG.warn("{} rows appended to table '{}' were not committed and are discarded; call commit(message) to keep them.",
                        lost, table.name());
            }
            writer.close();
            writer = null;
        }
    }
}
