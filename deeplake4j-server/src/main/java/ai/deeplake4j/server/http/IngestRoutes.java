package ai.deeplake4j.server.http;

import ai.deeplake4j.api.Names;
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
 * The row-append stream of remote ingest (ARCHITECTURE 1.1, D7), under
 * {@code /workspaces/{ws}/tables/{name}/writer}: {@code POST} with {@code {"table_schema"}}
 * opens an engine writer (creating the table or checking the schema) and answers its
 * {@code writer_id} and the table's columns; {@code POST .../{writer}/rows} carries one commit
 * unit as a {@link ai.deeplake4j.ingest.remote.RowStreamFormat} body, committed only when its
 * closing frame arrives (a stream that breaks first commits nothing); {@code POST
 * .../{writer}/sync} waits for the commits; {@code DELETE .../{writer}} closes it.
 */
public final class IngestRoutes {

    /** Rows, or bytes, after which the server stages buffered rows, so one commit unit never sits whole in memory. */
    static final int FLUSH_ROWS = 200;
    static final long FLUSH_BYTES = 16L << 20;

    private final Lake lake;
    private final WriterSessions sessions;
    private final long maxBodyBytes;
    private final long maxValueBytes;

    public IngestRoutes(Lake lake, WriterSessions sessions, long maxBodyBytes, long maxValueBytes) {
        this.lake = lake;
        this.sessions = sessions;
        this.maxBodyBytes = maxBodyBytes;
        this.maxValueBytes = maxValueBytes;
    }

    /** Opens a remote writer: creates the table or checks the schema; answers its id and the table's columns. */
    public void open(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        String table = Names.table(ctx.pathParam("name"));
        TableSchema asked = TableRoutes.schema(Json.body(ctx, maxBodyBytes).get("table_schema"));
        String id = sessions.open(scope, table, asked);
        scope.lake().written().accept(table);
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Column c : sessions.columns(id).columns()) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c.name());
            col.put("type", c.type().toString());
            columns.add(col);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table_name", table);
        out.put("dataset_path", scope.lake().store().datasetPath(table));
        out.put("writer_id", id);
        out.put("columns", columns);
        Json.respond(ctx, 200, out);
    }

    /**
     * Appends one streamed commit unit to a writer and commits it (the engine may group it with
     * others into one snapshot; {@link #sync} waits). A stream that breaks before its commit frame,
     * or fails, is rolled back to where it started: nothing of it is committed.
     */
    public void rows(Context ctx) throws IOException {
        Scope scope = Scope.of(ctx, lake);
        String table = Names.table(ctx.pathParam("name"));
        WriterSessions.Session session = sessions.get(ctx.pathParam("writer"), scope, table);
        session.lock().lock(); // a client's next unit may arrive while its previous one is still being read
        try {
            java.io.InputStream body = ctx.bodyInputStream();
            long rows = session.call(() -> {
                TableWriter writer = session.writer();
                long start = writer.mark();
                boolean committed = false;
                try {
                    long n;
                    try {
                        n = append(new RowFrameReader(body, maxValueBytes), writer, start, table);
                    } catch (IOException e) {
                        // the client broke its body (an ingest that failed on its side aborts the unit
                        // in progress): its doing, not the server's, so a 400 and no error in the log
                        throw brokenStream(table, e);
                    }
                    writer.commit();
                    committed = true;
                    return n;
                } finally {
                    if (!committed) {
                        writer.rollbackTo(start);
                    }
                }
            });
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("table_name", table);
            out.put("rows", rows);
            Json.respond(ctx, 200, out);
        } finally {
            session.lock().unlock();
        }
    }

    /** Reads frames until the commit frame; returns the unit's rows. */
    private static long append(RowFrameReader reader, TableWriter writer, long start, String table) throws IOException {
        int[] positions = positions(reader.schema(), writer.columns());
        Map<Long, Long> marks = new HashMap<>();
        marks.put(reader.startPosition(), start);
        int rowsSinceFlush = 0;
        long bytesAtFlush = writer.pendingBytes();
        while (true) {
            RowFrameReader.Frame frame;
            try {
                frame = reader.next();
            } catch (EOFException e) {
                throw brokenStream(table, e);
            }
            switch (frame) {
                case RowFrameReader.Row row -> {
                    writer.append(reorder(row.values(), positions, writer.columns().size()));
                    if (++rowsSinceFlush >= FLUSH_ROWS || writer.pendingBytes() - bytesAtFlush >= FLUSH_BYTES) {
                        writer.flush();
                        rowsSinceFlush = 0;
                        bytesAtFlush = writer.pendingBytes();
                    }
                }
                case RowFrameReader.Mark mark -> marks.put(mark.position(), writer.mark());
                case RowFrameReader.Rollback rollback -> writer.rollbackTo(mark(marks, rollback.position(), table));
                case RowFrameReader.Commit commit -> {
                    long pending = writer.pendingRows();
                    if (pending != commit.rows()) {
                        throw new IngestException("Row stream for " + table + " sent " + commit.rows()
                                + " rows but the server received " + pending + "; nothing was committed.");
                    }
                    return pending;
                }
            }
        }
    }

    private static ApiError brokenStream(String table, IOException e) {
        return new ApiError(400, "ingest_stream_broken", "The row stream for " + table + " ended before its commit"
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + "; nothing of it was committed.");
    }

    /** Waits until the writer's commits are snapshots; answers the rows it made durable. */
    public void sync(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        String table = Names.table(ctx.pathParam("name"));
        WriterSessions.Session session = sessions.get(ctx.pathParam("writer"), scope, table);
        session.lock().lock();
        long durable;
        try {
            durable = session.call(() -> session.writer().sync());
        } finally {
            session.lock().unlock();
        }
        Json.respond(ctx, 200, Map.of("table_name", table, "rows", durable));
    }

    /**
     * Closes the writer: waits for its commits, drops rows not committed, compacts small files.
     * With {@code ?discard=true} (the client's ingest failed) a table this writer created and never
     * committed to is removed again.
     */
    public void close(Context ctx) {
        Scope scope = Scope.of(ctx, lake);
        String table = Names.table(ctx.pathParam("name"));
        String id = ctx.pathParam("writer");
        boolean discard = "true".equalsIgnoreCase(ctx.queryParam("discard"));
        long durable = sessions.close(sessions.get(id, scope, table), id, discard);
        if (!discard || scope.lake().client().listTables().contains(table)) {
            scope.lake().written().accept(table); // not for a table the discard removed: nothing to compact
        }
        Json.respond(ctx, 200, Map.of("table_name", table, "rows", durable));
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
