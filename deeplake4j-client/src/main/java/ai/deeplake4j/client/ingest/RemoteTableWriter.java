package ai.deeplake4j.client.ingest;

import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.client.http.HttpTransport;
import ai.deeplake4j.ingest.remote.RowFrameWriter;
import ai.deeplake4j.ingest.remote.RowStreamFormat;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A {@link TableWriter} that streams rows to the server: each commit unit is one HTTP request
 * whose body ({@link RowStreamFormat}) is written while rows are appended, so rows are not held in
 * memory. {@link #commit()} ends the body with a commit frame and returns at once; the server
 * commits when it reads that frame, and {@link #sync()} waits for its answers. One commit is in
 * flight at a time while the next unit streams. {@link #abort()} breaks the body, so the server
 * commits nothing of it. Not thread-safe: one producer thread, as the contract says.
 */
final class RemoteTableWriter implements TableWriter {

    private static final int PIPE_CHUNKS = 32;

    private final HttpTransport transport;
    private final String path;
    private final String table;
    private final TableSchema columns;
    private final Deque<CompletableFuture<HttpResponse<byte[]>>> inFlight = new ArrayDeque<>();

    private ChunkPipe pipe;
    private RowFrameWriter frames;
    private CompletableFuture<HttpResponse<byte[]>> response;
    private long position;
    private long pendingRows;
    private long pendingBytes;
    private long durable;
    private RuntimeException failure;

    RemoteTableWriter(HttpTransport transport, String path, String table, TableSchema columns) {
        this.transport = transport;
        this.path = path;
        this.table = table;
        this.columns = columns;
    }

    @Override
    public TableSchema columns() {
        return columns;
    }

    @Override
    public void append(Object[] row) {
        open();
        try {
            pendingBytes += frames.row(row);
        } catch (java.io.UncheckedIOException e) {
            throw streamFailure(e);
        }
        pendingRows++;
        position++;
    }

    @Override
    public void flush() {
        if (frames != null) {
            frames.flush();
        }
    }

    @Override
    public long mark() {
        if (frames != null) {
            frames.mark(position);
        }
        return position;
    }

    @Override
    public void rollbackTo(long mark) {
        if (mark > position || mark < position - pendingRows) {
            throw new IllegalArgumentException("Mark " + mark + " is not between the last commit (" + (position - pendingRows)
                    + ") and now (" + position + ").");
        }
        if (mark == position) {
            return;
        }
        frames.rollback(mark);
        pendingRows -= position - mark;
        position = mark;
    }

    @Override
    public long pendingRows() {
        return pendingRows;
    }

    @Override
    public long pendingBytes() {
        return pendingBytes;
    }

    @Override
    public void commit() {
        throwIfFailed();
        if (frames == null) {
            return;
        }
        // One commit at a time on the server: the next unit streams while this one commits, but
        // two snapshots of one table never race (Iceberg would retry the loser).
        while (!inFlight.isEmpty()) {
            await(inFlight.poll());
        }
        try {
            frames.commit(pendingRows);
            frames.close();
        } catch (java.io.UncheckedIOException e) {
            throw streamFailure(e);
        }
        inFlight.add(response);
        frames = null;
        pipe = null;
        response = null;
        pendingRows = 0;
        pendingBytes = 0;
    }

    @Override
    public long sync() {
        while (!inFlight.isEmpty()) {
            await(inFlight.poll());
        }
        throwIfFailed();
        return durable;
    }

    @Override
    public void abort() {
        if (pipe != null) {
            pipe.fail();
            try {
                response.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException expected) {
                // the broken body aborts the request: that is the point
            }
        }
        frames = null;
        pipe = null;
        response = null;
        position -= pendingRows;
        pendingRows = 0;
        pendingBytes = 0;
    }

    @Override
    public void close() {
        try {
            while (!inFlight.isEmpty()) {
                await(inFlight.poll());
            }
        } finally {
            abort();
        }
    }

    private void open() {
        if (frames != null) {
            return;
        }
        throwIfFailed();
        pipe = new ChunkPipe(PIPE_CHUNKS);
        ChunkPipe p = pipe;
        response = transport.stream(path, RowStreamFormat.MEDIA_TYPE, p);
        response.whenComplete((r, e) -> p.abandon());
        frames = new RowFrameWriter(p.output(), columns, position);
    }

    private void await(CompletableFuture<HttpResponse<byte[]>> future) {
        try {
            durable += transport.checked(future.get(), path).path("rows").asLong();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            remember(new ManagedServiceException("Interrupted while waiting for a commit of " + table, e));
        } catch (ExecutionException e) {
            remember(new TableException("A commit of " + table + " failed: the stream to " + transport.base()
                    + " broke (" + e.getCause() + "); nothing of it was committed.", e.getCause()));
        } catch (RuntimeException e) {
            remember(e);
        }
        throwIfFailed();
    }

    /** The server's own error when it ended the stream early, else the I/O failure. */
    private RuntimeException streamFailure(java.io.UncheckedIOException e) {
        CompletableFuture<HttpResponse<byte[]>> r = response;
        abort();
        if (r != null && r.isDone() && !r.isCompletedExceptionally()) {
            try {
                transport.checked(r.join(), path);
            } catch (RuntimeException serverError) {
                return serverError;
            }
        }
        return new TableException("Streaming rows of " + table + " to " + transport.base() + " failed: "
                + e.getCause().getMessage() + "; rows since the last commit were not committed.", e);
    }

    private void remember(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw failure;
        }
    }
}
