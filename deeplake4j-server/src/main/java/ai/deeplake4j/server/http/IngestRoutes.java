package ai.deeplake4j.server.http;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.ingest.remote.RowFrameReader;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import ai.deeplake4j.server.lake.Lake;
import io.javalin.http.Context;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The row-append stream of remote ingest (ARCHITECTURE 1.1, D7).
 * {@code POST /workspaces/{ws}/tables/{name}/writer} with {@code {"table_schema"}} creates the
 * table or checks the schema, and answers the table's full columns. {@code POST
 * /workspaces/{ws}/tables/{name}/rows} carries one commit unit as a
 * {@link ai.deeplake4j.ingest.remote.RowStreamFormat} body: rows, marks and rollbacks go to an
 * engine writer, and only the closing commit frame commits; a stream that breaks first is
 * aborted, so it commits nothing.
 */
public final class IngestRoutes {

    private final Lake lake;
    private final long maxBodyBytes;
    private final long maxValueBytes;

    public IngestRoutes(Lake lake, long maxBodyBytes, long maxValueBytes) {
        this.lake = lake;
        this.maxBodyBytes = maxBodyBytes;
        this.maxValueBytes = maxValueBytes;
    }

    /** Opens (creates or checks) the table for a remote writer. */
    public void open(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        String table = Names.table(ctx.pathParam("name"));
        TableSchema asked = TableRoutes.schema(Json.body(ctx, maxBodyBytes).get("table_schema"));
        TableSchema full;
        try (TableWriter writer = scope.lake().store().openWriter(table, asked)) {
            full = writer.columns();
        }
        scope.lake().written().accept(table);
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Column c : full.columns()) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c.name());
            col.put("type", c.type().toString());
            columns.add(col);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table_name", table);
        out.put("dataset_path", scope.lake().store().datasetPath(table));
        out.put("columns", columns);
        Json.respond(ctx, 200, out);
    }

    /** Appends one streamed commit unit. */
    public void rows(Context ctx) throws IOException {
        Scope scope = Scope.of(ctx, lake);
        String table = Names.table(ctx.pathParam("name"));
        RowFrameReader reader = new RowFrameReader(ctx.bodyInputStream(), maxValueBytes);
        try (TableWriter writer = scope.lake().store().openWriter(table, reader.schema())) {
            int[] positions = positions(reader.schema(), writer.columns());
            Map<Long, Long> marks = new HashMap<>();
            marks.put(reader.startPosition(), writer.mark());
            while (true) {
                RowFrameReader.Frame frame;
                try {
                    frame = reader.next();
                } catch (EOFException e) {
                    writer.abort();
                    throw new ApiError(400, "ingest_stream_broken", "The row stream for " + table
                            + " ended before its commit; nothing of it was committed.");
                }
                switch (frame) {
                    case RowFrameReader.Row row -> writer.append(reorder(row.values(), positions, writer.columns().size()));
                    case RowFrameReader.Mark mark -> marks.put(mark.position(), writer.mark());
                    case RowFrameReader.Rollback rollback -> writer.rollbackTo(mark(marks, rollback.position(), table));
                    case RowFrameReader.Commit commit -> {
                        long pending = writer.pendingRows();
                        if (pending != commit.rows()) {
                            writer.abort();
                            throw new IngestException("Row stream for " + table + " sent " + commit.rows()
                                    + " rows but the server received " + pending + "; nothing was committed.");
                        }
                        writer.commit();
                        long written = writer.sync();
                        scope.lake().written().accept(table);
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("table_name", table);
                        out.put("rows", written);
                        Json.respond(ctx, 200, out);
                        return;
                    }
                }
            }
        }
    }

    private static long mark(Map<Long, Long> marks, long position, String table) {
        Long m = marks.get(position);
        if (m == null) {
            throw new IngestException("Row stream for " + table + " rolls back to position " + position
                    + ", which it never marked.");
        }
        return m;
    }

    private static int[] positions(TableSchema stream, TableSchema table) {
        int[] positions = new int[stream.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = table.indexOf(stream.get(i).name());
            if (positions[i] < 0) {
                throw new IngestException("Column " + stream.get(i).name() + " of the row stream is not in the table.");
            }
        }
        return positions;
    }

    private static Object[] reorder(Object[] values, int[] positions, int width) {
        boolean identity = values.length == width;
        for (int i = 0; identity && i < positions.length; i++) {
            identity = positions[i] == i;
        }
        if (identity) {
            return values;
        }
        Object[] row = new Object[width];
        for (int i = 0; i < values.length; i++) {
            row[positions[i]] = values[i];
        }
        return row;
    }
}
