package ai.deeplake4j.server.http;

import java.time.Duration;

/**
 * Counts requests in progress so shutdown can refuse new ones and wait for running ones (a
 * commit half-way through finishes before the lake closes). Thread-safe.
 */
public final class InFlight {

    private int running;
    private boolean closing;

    /** @return false when the server is shutting down and the request must be refused */
    public synchronized boolean enter() {
        if (closing) {
            return false;
        }
        running++;
        return true;
    }

    public synchronized void exit() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /** Requests running now. */
    public synchronized int running() {
        return running;
    }

    /** True until {@link #drain} is called. */
    public synchronized boolean accepting() {
        return !closing;
    }

    /**
     * Refuses new requests and waits up to {@code timeout} for running ones.
     *
     * @return true when none is left running
     */
    public synchronized boolean drain(Duration timeout) throws InterruptedException {
        closing = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
