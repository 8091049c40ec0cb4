package ai.deeplake4j.client.ingest;

import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.client.http.HttpTransport;
import ai.deeplake4j.ingest.remote.RowFrameWriter;
import ai.deeplake4j.ingest.remote.RowStreamFormat;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A {@link TableWriter} that streams rows to a writer the server keeps for it: each commit unit is
 * one HTTP request whose body ({@link RowStreamFormat}) is written while rows are appended, so
 * rows are not held in memory here. {@link #commit()} ends the body with a commit frame and
 * returns while the server reads the rest (the answer is checked at the next commit); the server
 * commits the unit when it reads that frame (grouping commits into snapshots as an embedded
 * writer does) and {@link #sync()} waits until they are snapshots. {@link #abort()}
 * breaks the body, so the server commits nothing of it; {@link #discard()} also lets the server
 * remove a table it created for this writer when nothing was committed. Not thread-safe: one producer thread, as
 * the contract says.
 */
final class RemoteTableWriter implements TableWriter {

    private static final int PIPE_CHUNKS = 32;

    private final HttpTransport transport;
    private final String path;
    private final String table;
    private final TableSchema columns;
    private final Duration timeout;

    private ChunkPipe pipe;
    private RowFrameWriter frames;
    private CompletableFuture<HttpResponse<byte[]>> response;
    private CompletableFuture<HttpResponse<byte[]>> lastCommit;
    private long position;
    private long pendingRows;
    private long pendingBytes;
    private boolean closed;

    /**
     * @param path the server-side writer, {@code /workspaces/{ws}/tables/{t}/writer/{id}}
     */
    RemoteTableWriter(HttpTransport transport, String path, String table, TableSchema columns, Duration timeout) {
        this.transport = transport;
        this.path = path;
        this.table = table;
        this.columns = columns;
        this.timeout = timeout;
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
        } catch (UncheckedIOException e) {
            throw streamFailure(e);
        }
        pendingRows++;
        position++;
    }

    @Override
    public void flush() {
        if (frames != null) {
            try {
                frames.flush();
            } catch (UncheckedIOException e) {
                throw streamFailure(e);
            }
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
        if (frames == null) {
            return;
        }
        try {
            frames.commit(pendingRows);
            frames.close();
        } catch (UncheckedIOException e) {
            throw streamFailure(e);
        }
        CompletableFuture<HttpResponse<byte[]>> previous = lastCommit;
        lastCommit = response;
        frames = null;
        pipe = null;
        response = null;
        pendingRows = 0;
        pendingBytes = 0;
        // the next unit streams while the server finishes this one: wait for the one before
        await(previous);
    }

    private void await(CompletableFuture<HttpResponse<byte[]>> r) {
        if (r == null) {
            return;
        }
        try {
            transport.checked(r.get(), path + "/rows");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManagedServiceException("Interrupted while committing rows of " + table, e);
        } catch (ExecutionException e) {
            throw new TableException("A commit of " + table + " failed: the stream to " + transport.base()
                    + " broke (" + e.getCause() + "); nothing of it was committed.", e.getCause());
        }
    }

    @Override
    public long sync() {
        CompletableFuture<HttpResponse<byte[]>> last = lastCommit;
        lastCommit = null;
        await(last);
        return transport.send("POST", path + "/sync", null, timeout).path("rows").asLong();
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
        end("");
    }

    /**
     * Breaks the unit in progress and closes the server's writer with {@code ?discard=true}: the
     * server drops the table again when that writer created it and nothing was committed.
     */
    @Override
    public void discard() {
        end("?discard=true");
    }

    /** Breaks the unit in progress, waits for the last commit, and closes the server's writer ({@code DELETE path + query}). */
    private void end(String query) {
        if (closed) {
            return;
        }
        closed = true;
        abort();
        CompletableFuture<HttpResponse<byte[]>> last = lastCommit;
        lastCommit = null;
        try {
            await(last);
        } finally {
            transport.send("DELETE", path + query, null, timeout);
        }
    }

    private void open() {
        if (frames != null) {
            return;
        }
        if (closed) {
            throw new TableException("The writer of " + table + " is closed.");
        }
        pipe = new ChunkPipe(PIPE_CHUNKS);
        ChunkPipe p = pipe;
        response = transport.stream(path + "/rows", RowStreamFormat.MEDIA_TYPE, p);
        response.whenComplete((r, e) -> p.abandon());
        frames = new RowFrameWriter(p.output(), columns, position);
    }

    /** The server's own error when it ended the stream early, else the I/O failure. */
    private RuntimeException streamFailure(UncheckedIOException e) {
        CompletableFuture<HttpResponse<byte[]>> r = response;
        abort();
        if (r != null && r.isDone() && !r.isCompletedExceptionally()) {
            try {
                transport.checked(r.join(), path + "/rows");
            } catch (RuntimeException serverError) {
                return serverError;
            }
        }
        return new TableException("Streaming rows of " + table + " to " + transport.base() + " failed: "
                + e.getCause().getMessage() + "; rows since the last commit were not committed.", e);
    }
}
