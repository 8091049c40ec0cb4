package ai.deeplake4j.engine.cancel;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Expires {@link QueryCancellation}s at their deadline, on one daemon thread shared by every engine
 * of the JVM (a thread per workspace engine would be up to 64 idle threads in a server; expiring
 * is a few microseconds of work). After the deadline the cancel is repeated every
 * {@link #REPEAT_MS} ms until the call ends: a statement that was just starting when the first
 * cancel came (DuckDB resets a connection's interrupt flag when a statement begins) is caught by
 * the next one, so a call ends within about that much of its deadline.
 */
public final class Deadlines {

    /** How often a cancel is repeated after the deadline, in milliseconds. */
    public static final long REPEAT_MS = 100;

    private static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

    private Deadlines() {
    }

    private static ScheduledThreadPoolExecutor scheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "deeplake4j-query-deadlines");
            t.setDaemon(true);
            return t;
        });
        // a call that ends in time cancels its task: drop it at once rather than at its deadline
        // (at 1,000 queries/s with 60 s timeouts, 60,000 dead tasks in the queue otherwise)
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /**
     * Expires {@code call} after {@code timeout}, and again every {@link #REPEAT_MS} ms.
     *
     * @return cancel it (without interrupting) when the call ends
     */
    public static ScheduledFuture<?> expire(QueryCancellation call, Duration timeout) {
        return SCHEDULER.scheduleAtFixedRate(call::expire, Math.max(0, timeout.toNanos()),
                TimeUnit.MILLISECONDS.toNanos(REPEAT_MS), TimeUnit.NANOSECONDS);
    }
}
