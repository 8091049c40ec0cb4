package ai.deeplake4j.client.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Flow;

/**
 * A bounded byte pipe from the thread that appends rows to the HTTP client that sends them, as a
 * push-based {@link Flow.Publisher}: chunks go out only as the HTTP client asks for them, and the
 * writing side blocks while {@code capacity} chunks wait unsent, so memory stays bounded whatever
 * the server's speed. (The JDK's {@code ofInputStream} publisher reads in a blocking loop on the
 * HTTP client's own thread, which can hold back the request headers until the stream ends.)
 * {@link #fail()} ends the body with an error, which aborts the request mid-body: the server sees
 * a broken stream and commits nothing. {@link #abandon()} (the request ended early) makes writers
 * fail instead of blocking.
 */
final class ChunkPipe implements Flow.Publisher<ByteBuffer> {

    private final int capacity;
    private final Deque<ByteBuffer> chunks = new ArrayDeque<>();
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private long demand;
    private boolean ended;
    private Throwable failure;
    private boolean finished;
    private boolean cancelled;
    private boolean abandoned;
    private boolean draining;
    private final Out out = new Out();

    ChunkPipe(int capacity) {
        this.capacity = capacity;
    }

    OutputStream output() {
        return out;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        synchronized (this) {
            if (subscriber != null) {
                s.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                s.onError(new IllegalStateException("A row stream can be sent only once"));
                return;
            }
            subscriber = s;
        }
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                synchronized (ChunkPipe.this) {
                    demand = n <= 0 || demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                drain();
            }

            @Override
            public void cancel() {
                synchronized (ChunkPipe.this) {
                    cancelled = true;
                    chunks.clear();
                    ChunkPipe.this.notifyAll();
                }
            }
        });
        drain();
    }

    /** The request ended early: writers fail instead of waiting for room. */
    synchronized void abandon() {
        abandoned = true;
        notifyAll();
    }

    /** Ends the body with an error instead of an orderly end. */
    void fail() {
        synchronized (this) {
            failure = new IOException("Row stream aborted by the writer");
            chunks.clear();
            notifyAll();
        }
        drain();
    }

    private void put(ByteBuffer chunk) throws IOException {
        synchronized (this) {
            while (chunks.size() >= capacity && !cancelled && !abandoned && failure == null) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while streaming rows");
                }
            }
            if (cancelled || abandoned || failure != null) {
                throw new IOException("The server ended the row stream early");
            }
            chunks.add(chunk);
        }
        drain();
    }

    private void end() {
        synchronized (this) {
            ended = true;
        }
        drain();
    }

    /** Delivers what the subscriber asked for; one thread at a time, never blocking. */
    private void drain() {
        Flow.Subscriber<? super ByteBuffer> s;
        synchronized (this) {
            if (draining || subscriber == null || finished) {
                return;
            }
            draining = true;
            s = subscriber;
        }
        while (true) {
            ByteBuffer next = null;
            boolean complete = false;
            Throwable error = null;
            synchronized (this) {
                if (cancelled) {
                    draining = false;
                    return;
                }
                if (failure != null) {
                    error = failure;
                    finished = true;
                } else if (demand > 0 && !chunks.isEmpty()) {
                    next = chunks.poll();
                    demand--;
                    notifyAll();
                } else if (chunks.isEmpty() && ended) {
                    complete = true;
                    finished = true;
                } else {
                    draining = false;
                    return;
                }
            }
            if (error != null) {
                s.onError(error);
                synchronized (this) {
                    draining = false;
                }
                return;
            }
            if (complete) {
                s.onComplete();
                synchronized (this) {
                    draining = false;
                }
                return;
            }
            s.onNext(next);
        }
    }

    private final class Out extends OutputStream {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("The row stream is closed");
            }
            if (len > 0) {
                ByteBuffer copy = ByteBuffer.allocate(len);
                copy.put(b, off, len).flip();
                put(copy);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                end();
            }
        }
    }
}
