package ai.deeplake4j.engine.cancel;

import ai.deeplake4j.api.error.QueryCancelledException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The cancellation handle of one query call ({@code Client.query}): the DuckDB statements the call
 * is running, so that its deadline or a server shutdown can stop them from another thread.
 *
 * <p>Why statements: interrupting the Java thread does nothing to a statement running inside
 * DuckDB. DuckDB JDBC 1.5's {@link Statement#cancel()} interrupts the statement's connection
 * (DuckDB's own interrupt): the statement fails with "INTERRUPT Error: Interrupted!" within
 * milliseconds, DuckDB's threads go idle, and the connection stays usable. {@code cancel()} on a
 * statement that is not executing does nothing, so a late cancel never hits the next statement.
 *
 * <p>Use: the engine {@link #enter enters} the handle on the thread that runs the call; every
 * place that executes a statement for the call {@link #track tracks} it for the duration of its
 * execution (a no-op outside a call). {@link #cancel} may be called from any thread, more than
 * once: each call cancels what runs at that moment (a statement that was just starting may miss
 * one cancel, hence {@link Deadlines} repeats it), and any statement tracked afterwards is refused
 * with a {@link QueryCancelledException}, so a multi-statement call stops at its next statement.
 * Thread-safe.
 */
public final class QueryCancellation {

    private static final ThreadLocal<QueryCancellation> CURRENT = new ThreadLocal<>();

    /** Statements executing now; guarded by {@code this}. */
    private final Set<Statement> running = new HashSet<>();
    /** Why the call was cancelled, or null; guarded by {@code this}. */
    private String reason;
    private boolean timedOut;

    /** A statement's registration with its call; closing it ends the registration. */
    @FunctionalInterface
    public interface Tracked extends AutoCloseable {
        /** The registration of a statement that runs outside any call. */
        Tracked NONE = () -> { };

        @Override
        void close();
    }

    /** The call being run on this thread, or null. */
    public static QueryCancellation current() {
        return CURRENT.get();
    }

    /**
     * Makes this the call of the statements this thread executes until the returned scope closes
     * (which restores the thread's previous call, if any).
     */
    public Tracked enter() {
        QueryCancellation previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /**
     * Registers {@code statement}, about to execute on this thread, with this thread's call, until
     * the returned registration closes (close it before the statement, e.g. as the later resource
     * of the same try-with-resources).
     *
     * @throws QueryCancelledException when the call was already cancelled: do not execute it
     */
    public static Tracked track(Statement statement) {
        QueryCancellation call = CURRENT.get();
        if (call == null) {
            return Tracked.NONE;
        }
        call.add(statement);
        return () -> call.remove(statement);
    }

    /**
     * Throws when this thread's call was cancelled (between the steps of a call that are not DuckDB
     * statements).
     *
     * @throws QueryCancelledException when it was
     */
    public static void checkCurrent() {
        QueryCancellation call = CURRENT.get();
        if (call != null) {
            call.check();
        }
    }

    /**
     * Cancels the call because {@code why} (e.g. "the server is shutting down"): its running
     * statements fail, and it runs no further statement. The first reason given is kept.
     */
    public void cancel(String why) {
        cancel(why, false);
    }

    /** {@link #cancel} because the call's deadline passed; {@link #timedOut()} then says so. */
    public void expire() {
        cancel("its timeout passed", true);
    }

    private synchronized void cancel(String why, boolean deadline) {
        if (reason == null) {
            reason = why;
            timedOut = deadline;
        }
        for (Statement s : running) {
            try {
                s.cancel();
            } catch (SQLException e) {
                // the statement finished or closed meanwhile: nothing left to cancel
            }
        }
    }

    /** Why the call was cancelled, or null while it was not. */
    public synchronized String reason() {
        return reason;
    }

    /** True when the call was cancelled by {@link #expire()} (its deadline) before any other reason. */
    public synchronized boolean timedOut() {
        return timedOut;
    }

    private synchronized void add(Statement statement) {
        check();
        running.add(statement);
    }

    private synchronized void remove(Statement statement) {
        running.remove(statement);
    }

    private synchronized void check() {
        if (reason != null) {
            throw new QueryCancelledException("Query cancelled: " + reason + ".");
        }
    }
}
