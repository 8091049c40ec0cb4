package ai.deeplake4j.server.http;

import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import ai.deeplake4j.server.lake.WorkspaceLake;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine writers of remote ingest, one per remote {@code TableWriter}, kept between the
 * requests of one ingest so commits are grouped and overlapped as in an embedded ingest. A
 * session belongs to one organization, workspace and table; an id presented by anyone else is
 * unknown. Sessions idle longer than the idle timeout are aborted (their uncommitted rows
 * dropped). Thread-safe.
 */
public final class WriterSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriterSessions.class);

    /**
     * One open writer. Engine writers are confined to the thread that opened them (DuckDB
     * appenders), so every call on it runs on the session's own thread ({@link #call});
     * {@link #lock} serializes the streams of its client.
     */
    public static final class Session {
        private final String org;
        private final String workspace;
        private final String table;
        private final java.util.concurrent.ExecutorService thread;
        private TableWriter writer;
        private final WorkspaceLake lake;
        private final ReentrantLock lock = new ReentrantLock(true);
        private volatile long lastUsed = System.nanoTime();

        Session(String org, String workspace, String table, WorkspaceLake lake) {
            this.org = org;
            this.workspace = workspace;
            this.table = table;
            this.lake = lake;
            this.thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "deeplake4j-remote-writer-" + table);
                t.setDaemon(true);
                return t;
            });
        }

        /** Runs {@code work} on the session's thread and waits for it; its exceptions come back as they were thrown. */
        public <T> T call(java.util.concurrent.Callable<T> work) {
            java.util.concurrent.Future<T> f = thread.submit(work);
            try {
                return f.get();
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new ai.deeplake4j.api.error.IngestException("Interrupted while writing rows of " + table, e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new java.io.UncheckedIOException(e.getCause() instanceof java.io.IOException io ? io
                        : new java.io.IOException(e.getCause()));
            }
        }

        void shutdown() {
            thread.shutdown();
        }

        public TableWriter writer() {
            return writer;
        }

        public ReentrantLock lock() {
            return lock;
        }

        public String table() {
            return table;
        }

        public WorkspaceLake lake() {
            return lake;
        }

        void touch() {
            lastUsed = System.nanoTime();
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;

    public WriterSessions(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    /** Opens the engine writer (creating the table or checking its schema) and registers it. */
    public String open(Scope scope, String table, TableSchema schema) {
        Session session = new Session(scope.caller().org(), scope.workspace(), table, scope.lake());
        try {
            session.writer = session.call(() -> scope.lake().store().openWriter(table, schema));
        } catch (RuntimeException e) {
            session.shutdown();
            throw e;
        }
        String id = UUID.randomUUID().toString();
        sessions.put(id, session);
        return id;
    }

    /** The columns of a session's table. */
    public TableSchema columns(String id) {
        Session s = sessions.get(id);
        return s.call(s.writer::columns);
    }

    /**
     * The session {@code id} if it belongs to this caller, workspace and table.
     *
     * @throws ApiError 404 otherwise (the same answer whether it exists for someone else or not)
     */
    public Session get(String id, Scope scope, String table) {
        Session s = id == null ? null : sessions.get(id);
        if (s == null || !s.org.equals(scope.caller().org()) || !s.workspace.equals(scope.workspace()) || !s.table.equals(table)) {
            throw ApiError.notFound("ingest_writer_not_found", "Remote writer " + id + " of table " + table
                    + " is not open (closed, expired after " + idleTimeout.toSeconds() + " s idle, or the server restarted).");
        }
        s.touch();
        return s;
    }

    /**
     * Closes a session: waits for its commits, drops what was not committed.
     *
     * @param discard the client's ingest failed: {@link ai.deeplake4j.ingest.write.TableWriter#discard()},
     *                which also removes a table this session created when nothing was committed
     */
    public long close(Session s, String id, boolean discard) {
        sessions.remove(id, s);
        s.lock.lock();
        try {
            return s.call(() -> {
                if (discard) {
                    s.writer.discard();
                    return 0L;
                }
                long durable;
                try {
                    durable = s.writer.sync();
                } catch (RuntimeException e) {
                    // the writer's connections are released even when its last commit failed;
                    // the sync's error is the one the client needs
                    try {
                        s.writer.close();
                    } catch (RuntimeException closeFailure) {
                        e.addSuppressed(closeFailure);
                    }
                    throw e;
                }
                s.writer.close();
                return durable;
            });
        } finally {
            s.lock.unlock();
            s.shutdown();
        }
    }

    /** Aborts sessions idle longer than the idle timeout (called periodically). */
    public void expireIdle() {
        long now = System.nanoTime();
        sessions.forEach((id, s) -> {
            if (now - s.lastUsed > idleTimeout.toNanos() && s.lock.tryLock()) {
                try {
                    if (sessions.remove(id, s)) {
                        LOG.info("Remote writer {} of table {} idle for {}; closing it", id, s.table, idleTimeout);
                        s.call(() -> {
                            s.writer.discard(); // its client is gone: as a failed ingest, it leaves no empty table it created
                            return null;
                        });
                        s.shutdown();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Closing idle remote writer {} failed: {}", id, e.getMessage());
                } finally {
                    s.lock.unlock();
                }
            }
        });
    }

    /** Closes every session, waiting for commits in flight (graceful shutdown). */
    @Override
    public void close() {
        sessions.forEach((id, s) -> {
            try {
                s.call(() -> {
                    s.writer.close();
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("Closing remote writer {} at shutdown failed: {}", id, e.getMessage());
            } finally {
                s.shutdown();
            }
        });
        sessions.clear();
    }
}
