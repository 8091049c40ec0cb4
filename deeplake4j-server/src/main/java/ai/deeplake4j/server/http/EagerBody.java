package ai.deeplake4j.server.http;

import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Has Jetty read a request's body before the request is handled, for Jetty's
 * {@link EagerContentHandler}: the body is read asynchronously, holding no thread, and the handler
 * runs once all of it (or {@code maxBytes} of it) has arrived, reading it from memory. A client
 * that goes silent in the middle of its body is answered 408 at the connection's idle timeout, and
 * its connection closes.
 *
 * <p>Why not Jetty's own {@code RetainedContentLoaderFactory}: an idle timeout reaches a pending
 * read as a transient failure, which that loader keeps as content and then waits again, so a silent
 * connection was never closed (checked with Jetty 12.1.6). Here any failure ends the request.
 */
public final class EagerBody implements EagerContentHandler.ContentLoaderFactory {

    private final long maxBytes;

    /** @param maxBytes bodies larger than this are handled once this much has arrived, and read as they come */
    public EagerBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Applies to every content type. */
    @Override
    public String getApplicableMimeType() {
        return null;
    }

    @Override
    public EagerContentHandler.ContentLoader newContentLoader(String contentType, String mimeType, Handler handler,
                                                              Request request, Response response, Callback callback) {
        return new Loader(handler, request, response, callback, maxBytes);
    }

    /** Reads chunks until the last one or {@code maxBytes}, then handles the request over them. */
    private static final class Loader extends EagerContentHandler.ContentLoader implements Invocable.Task {
        private final Deque<Content.Chunk> chunks = new ArrayDeque<>();
        private final long maxBytes;
        private long bytes;

        Loader(Handler handler, Request request, Response response, Callback callback, long maxBytes) {
            super(handler, request, response, callback);
            this.maxBytes = maxBytes;
        }

        @Override
        protected void load() {
            read(false);
        }

        /** Called by Jetty when more content can be read. */
        @Override
        public void run() {
            read(true);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        private void read(boolean fromDemand) {
            while (true) {
                Content.Chunk chunk = getRequest().read();
                if (chunk == null) {
                    getRequest().demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // idle timeout (transient) or a broken connection: the client did not send its body
                    chunks.forEach(Content.Chunk::release);
                    chunks.clear();
                    chunk.release();
                    Response.writeError(getRequest(), getResponse(), getCallback(), HttpStatus.REQUEST_TIMEOUT_408,
                            "The request body did not arrive within the connection idle timeout.");
                    return;
                }
                chunks.add(chunk);
                bytes += chunk.remaining();
                if (chunk.isLast() || bytes >= maxBytes) {
                    Replay replay = new Replay(getRequest(), getCallback(), chunks);
                    if (fromDemand) {
                        // a demand callback must not block: the handler reads and answers on a pool thread
                        getRequest().getContext().execute(() -> handle(replay, getResponse(), replay));
                    } else {
                        handle(replay, getResponse(), replay);
                    }
                    return;
                }
            }
        }
    }

    /** The request with the chunks read so far put back in front; releases what is left when done. */
    private static final class Replay extends Request.Wrapper implements Callback {
        private final Deque<Content.Chunk> chunks;
        private final Callback callback;

        Replay(Request request, Callback callback, Deque<Content.Chunk> chunks) {
            super(request);
            this.callback = callback;
            this.chunks = chunks;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = chunks.poll();
            return chunk != null ? chunk : super.read();
        }

        @Override
        public void demand(Runnable onContentAvailable) {
            if (chunks.isEmpty()) {
                super.demand(onContentAvailable);
            } else {
                onContentAvailable.run();
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }

        @Override
        public void succeeded() {
            release();
            callback.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            release();
            callback.failed(failure);
        }

        private void release() {
            chunks.forEach(Content.Chunk::release);
            chunks.clear();
        }
    }
}
