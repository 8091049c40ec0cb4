package ai.deeplake4j.ingest.pipeline;

import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableStore;
import ai.deeplake4j.ingest.write.TableWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Writes thumbnails to the workspace's {@code thumbnails} table (ARCHITECTURE 2.5), opened on the
 * first thumbnail. Commits follow the main table's commits.
 */
final class ThumbnailWriter implements AutoCloseable {
    static final TableSchema SCHEMA;

    static {
        Map<String, ColumnType> t = new LinkedHashMap<>();
        t.put("file_id", ColumnType.of(TypeKind.TEXT));
        t.put("column_name", ColumnType.of(TypeKind.TEXT));
        t.put("dimension", ColumnType.of(TypeKind.TEXT));
        t.put("content", ColumnType.of(TypeKind.IMAGE));
        SCHEMA = TableSchema.of(t);
    }

    private final TableStore store;
    private TableWriter writer;
    private int[] positions;

    ThumbnailWriter(TableStore store) {
        this.store = store;
    }

    /** Appends and removes every queued {@code [fileId, column, dimension, jpeg]}. */
    void write(Queue<Object[]> queued) {
        Object[] t;
        while ((t = queued.poll()) != null) {
            append(t);
        }
    }

    /** Appends every {@code [fileId, column, dimension, jpeg]} of {@code rows}, in order. */
    void write(List<Object[]> rows) {
        for (Object[] t : rows) {
            append(t);
        }
    }

    private void append(Object[] t) {
        if (writer == null) {
            writer = store.openWriter(IngestPipeline.THUMBNAILS_TABLE, SCHEMA);
            positions = new int[SCHEMA.size()];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = writer.columns().indexOf(SCHEMA.get(i).name());
            }
        }
        Object[] row = new Object[writer.columns().size()];
        for (int i = 0; i < positions.length; i++) {
            row[positions[i]] = t[i];
        }
        writer.append(row);
    }

    void commit() {
        if (writer != null) {
            writer.flush();
            writer.commit();
        }
    }

    void sync() {
        if (writer != null) {
            writer.sync();
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }

    /** Ends a failed ingest: {@link TableWriter#discard()}, so a thumbnails table it created and never committed goes. */
    void discard() {
        if (writer != null) {
            writer.discard();
        }
    }
}
