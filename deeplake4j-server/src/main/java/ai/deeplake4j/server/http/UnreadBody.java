package ai.deeplake4j.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and drops what a client is still sending when the server answers early, such as a 413
 * before the body or an error in the middle of a row stream. Answering and closing a socket
 * with unread bytes resets the connection, and the client, still writing, then loses the answer
 * ("broken pipe", "header parser received no bytes"). Reading the rest first lets the answer
 * arrive and keeps the connection. Beyond {@link #LIMIT} the server stops reading and says the
 * connection closes. The body of a request without an accepted token is never drained: a
 * client that sends part of a body and then nothing would hold a request thread until the
 * connection's idle timeout, and a thousand of them every thread (issue 11.3); such a client gets
 * its answer and a closed connection.
 */
final class UnreadBody {

    /** The most of an unwanted body read and dropped: 64 MiB. */
    static final long LIMIT = 64L << 20;

    private UnreadBody() {
    }

    /** Reads the request body to its end, or to {@link #LIMIT} and then marks the connection to close. */
    static void discard(Context ctx) {
        if (!Authenticator.isAuthenticated(ctx)) {
            ctx.header("Connection", "close");
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            long left = LIMIT;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        return;
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the body was already read as a reader: nothing to drain
        }
        ctx.header("Connection", "close");
    }
}
