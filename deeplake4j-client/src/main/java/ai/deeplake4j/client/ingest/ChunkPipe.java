package ai.deeplake4j.client.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A bounded byte pipe between the thread that appends rows and the HTTP client thread that sends
 * them: the writer side blocks when {@code capacity} chunks wait unsent, so memory stays bounded
 * whatever the server's speed. {@link #fail()} makes the reader side throw, which aborts the HTTP
 * request mid-body: the server sees a broken stream and commits nothing. Unlike
 * {@code PipedInputStream}, it does not care which threads read and write.
 */
final class ChunkPipe {

    private static final byte[] END = new byte[0];
    private static final byte[] FAILED = new byte[0];

    private final BlockingQueue<byte[]> chunks;
    private final Out out = new Out();
    private final In in = new In();

    ChunkPipe(int capacity) {
        this.chunks = new ArrayBlockingQueue<>(capacity);
    }

    OutputStream output() {
        return out;
    }

    InputStream input() {
        return in;
    }

    private volatile boolean abandoned;

    /** The reader will read no more (the request ended early): writers fail instead of blocking. */
    void abandon() {
        abandoned = true;
    }

    /** Ends the stream with an error instead of an orderly end. */
    void fail() {
        out.closed = true;
        chunks.clear();
        chunks.offer(FAILED);
    }

    private final class Out extends OutputStream {
        private volatile boolean closed;

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
                put(Arrays.copyOfRange(b, off, off + len));
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                put(END);
            }
        }

        private void put(byte[] chunk) throws IOException {
            try {
                while (!chunks.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (abandoned) {
                        throw new IOException("The server ended the row stream early");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while streaming rows");
            }
        }
    }

    private final class In extends InputStream {
        private byte[] current = new byte[0];
        private int pos;
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos >= current.length) {
                if (done) {
                    return -1;
                }
                byte[] next;
                try {
                    next = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while sending rows");
                }
                if (next == FAILED) {
                    done = true;
                    throw new IOException("Row stream aborted by the writer");
                }
                if (next == END) {
                    done = true;
                    return -1;
                }
                current = next;
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
