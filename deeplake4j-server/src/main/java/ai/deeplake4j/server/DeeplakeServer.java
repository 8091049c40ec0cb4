package ai.deeplake4j.server;

import ai.deeplake4j.server.auth.TokenVerifier;
import ai.deeplake4j.server.http.ApiError;
import ai.deeplake4j.server.http.Authenticator;
import ai.deeplake4j.server.http.BodyTypes;
import ai.deeplake4j.server.http.EagerBody;
import ai.deeplake4j.server.http.ErrorResponder;
import ai.deeplake4j.server.http.InFlight;
import ai.deeplake4j.server.http.IngestRoutes;
import ai.deeplake4j.server.http.Json;
import ai.deeplake4j.server.http.LakePaths;
import ai.deeplake4j.server.http.QueryRoutes;
import ai.deeplake4j.server.http.TableRoutes;
import ai.deeplake4j.server.http.WorkspaceRoutes;
import ai.deeplake4j.server.http.WriterSessions;
import ai.deeplake4j.server.lake.Lake;
import ai.deeplake4j.server.lake.WorkspaceRegistry;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deeplake4j REST service (ARCHITECTURE D7, 2.2) on Javalin/Jetty: the Deeplake endpoints,
 * JWT auth, per-organization isolation, the SQL guard and the remote-ingest row stream.
 * {@code deeplake4j serve} calls {@link #start(ServerConfig, Lake)}; {@link #close()} shuts down
 * gracefully: {@code /ready} turns 503, new requests get 503, requests in progress (commits
 * included) may finish within {@link ServerConfig#shutdownTimeout()} (the drain timeout); the
 * queries still running then are cancelled (answered 503), and the lake closes: in all, the drain
 * timeout plus at most about 4 s (answers of the cancelled requests, Jetty's stop).
 */
public final class DeeplakeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeeplakeServer.class);

    private final ServerConfig config;
    private final Lake lake;
    private final InFlight inFlight = new InFlight();
    private final ScheduledExecutorService writerSweep;
    private final ScheduledExecutorService housekeeping;
    private final WriterSessions writers;
    private final Javalin app;
    private boolean closed;

    private DeeplakeServer(ServerConfig config, Lake lake) {
        this.config = config;
        this.lake = lake;
        AtomicInteger n = new AtomicInteger();
        // expires idle remote-ingest writers (query deadlines are the engine's own, see QueryRoutes)
        this.writerSweep = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "deeplake4j-writer-sweep-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        TokenVerifier verifier = new TokenVerifier(config.hmacSecret(), config.rsaPublicKey(), Clock.systemUTC());
        Authenticator auth = new Authenticator(verifier);
        QueryRoutes query = new QueryRoutes(lake, config.queryThreads(), config.maxBodyBytes(), config.queryTimeout(), config.maxQueryTimeout());
        TableRoutes tables = new TableRoutes(lake, config.maxBodyBytes());
        this.writers = new WriterSessions(config.idleTimeout());
        IngestRoutes ingest = new IngestRoutes(lake, writers, config.maxBodyBytes(), config.maxValueBytes());
        long sweep = Math.max(1, Math.min(30, config.idleTimeout().toSeconds() / 2));
        writerSweep.scheduleWithFixedDelay(writers::expireIdle, sweep, sweep, java.util.concurrent.TimeUnit.SECONDS);
        // its own thread: closing an engine waits for its compaction, which must not delay query timeouts
        this.housekeeping = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "deeplake4j-workspace-sweep");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                lake.evictIdle();
            } catch (RuntimeException e) {
                LOG.warn("Closing idle workspaces failed: {}", e.getMessage());
            }
        }, 30, 30, java.util.concurrent.TimeUnit.SECONDS);
        WorkspaceRoutes workspaces = new WorkspaceRoutes(lake, new WorkspaceRegistry(config.lake(), Clock.systemUTC()),
                config.maxBodyBytes());
        this.app = Javalin.create(cfg -> {
            configure(cfg);
            var r = cfg.routes;
            r.before(BodyTypes::check);
            r.get("/health", ctx -> Json.respond(ctx, 200, Map.of("status", "ok")));
            r.get("/ready", ctx -> {
                boolean ready = inFlight.accepting();
                Json.respond(ctx, ready ? 200 : 503, Map.of("status", ready ? "ready" : "shutting_down"));
            });
            r.get("/me", secured(auth, workspaces::me));
            r.get("/workspaces", secured(auth, workspaces::list));
            r.post("/workspaces", secured(auth, workspaces::create));
            r.get("/workspaces/{ws}", secured(auth, workspaces::get));
            r.patch("/workspaces/{ws}", secured(auth, workspaces::rename));
            r.delete("/workspaces/{ws}", secured(auth, workspaces::delete));
            r.post("/workspaces/{ws}/tables/query", secured(auth, query::query));
            r.post("/workspaces/{ws}/tables/query/batch", secured(auth, query::batch));
            r.get("/workspaces/{ws}/tables", secured(auth, tables::list));
            r.post("/workspaces/{ws}/tables", secured(auth, tables::create));
            r.get("/workspaces/{ws}/tables/{name}", secured(auth, tables::describe));
            r.delete("/workspaces/{ws}/tables/{name}", secured(auth, tables::drop));
            r.post("/workspaces/{ws}/tables/{name}/indexes", secured(auth, tables::createIndex));
            r.delete("/workspaces/{ws}/tables/{name}/indexes/{column}", secured(auth, tables::dropIndex));
            r.post("/workspaces/{ws}/tables/{name}/writer", secured(auth, ingest::open));
            r.post("/workspaces/{ws}/tables/{name}/writer/{writer}/rows", secured(auth, ingest::rows));
            r.post("/workspaces/{ws}/tables/{name}/writer/{writer}/sync", secured(auth, ingest::sync));
            r.delete("/workspaces/{ws}/tables/{name}/writer/{writer}", secured(auth, ingest::close));
            r.get("/api/org/{ws}/ds/{table}/creds", secured(auth, workspaces::credentials));
            LakePaths paths = new LakePaths(config.lake());
            r.exception(Exception.class, (e, ctx) -> ErrorResponder.respond(e, ctx, paths));
            for (int status : new int[] {400, 404, 405, 413, 500}) {
                r.error(status, ctx -> {
                    if (!Json.responded(ctx)) {
                        ErrorResponder.respond(ctx, new ApiError(status, ErrorResponder.httpCode(status),
                                status == 404 ? "Not found: " + ctx.method() + " " + ctx.path() + ". See ARCHITECTURE 2.2 for the endpoints."
                                        : "HTTP " + status + " on " + ctx.method() + " " + ctx.path()));
                    }
                });
            }
        });
    }

    /**
     * Javalin and Jetty settings. Against slow clients (issue 11.3: connections that send a
     * {@code Content-Length} and then only part of the body held a request thread each until the
     * thread pool was gone, and {@code /health} with it), Jetty's own means:
     * <ul>
     *   <li>{@link EagerContentHandler} with {@link EagerBody}: a request reaches a handler (and a
     *       thread) only once its body has arrived, up to {@link #EAGER_BODY_BYTES}; until then Jetty
     *       waits for it asynchronously, holding no thread. Larger bodies are dispatched at that size
     *       and read as they come, and so is the remote-ingest row stream ({@link #ROW_STREAM_PATH}),
     *       after its token.</li>
     *   <li>the body of a request refused for its token is not drained ({@code UnreadBody}).</li>
     *   <li>the connector's idle timeout ({@link ServerConfig#connectionIdleTimeout()}, 30 s): a
     *       connection silent that long, between requests or in the middle of a body (then answered
     *       408), is closed; it also bounds every blocking read and write. A request being handled
     *       (a long query) is not cut by it.</li>
     *   <li>an accept queue of {@link #ACCEPT_QUEUE}, so that a burst of connections is not dropped.</li>
     *   <li>{@link NetworkConnectionLimit} ({@link ServerConfig#maxConnections()}, 10,000): past it
     *       Jetty stops accepting, so an open-files limit is never reached.</li>
     * </ul>
     * No accept-rate limit: it would also slow a burst of genuine clients reconnecting after a restart.
     */
    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.maxRequestSize = config.maxBodyBytes();
        cfg.router.ignoreTrailingSlashes = true;
        cfg.jetty.modifyServer(server -> {
            // close() has drained the requests and cancelled what still ran; Jetty's own graceful
            // stop then only lets the last answers be written out
            server.setStopTimeout(JETTY_STOP_MS);
            // Javalin puts its servlet context inside the innermost wrapper of the server's handler
            EagerContentHandler eager = new EagerContentHandler(new EagerBody(EAGER_BODY_BYTES));
            // a remote-ingest row stream is read as it arrives (and is in flight, for the drain, from its
            // start); it needs a token first, and a refused one is not drained (see UnreadBody)
            eager.excludePath(ROW_STREAM_PATH);
            server.setHandler(eager);
            server.addBean(new NetworkConnectionLimit(config.maxConnections(), server));
        });
        cfg.jetty.addConnector((server, http) -> {
            http.setSendServerVersion(false);
            http.setDelayDispatchUntilContent(false);
            ServerConnector connector = new ServerConnector(server, new org.eclipse.jetty.server.HttpConnectionFactory(http));
            connector.setHost(config.host());
            connector.setPort(config.port());
            connector.setIdleTimeout(config.connectionIdleTimeout().toMillis());
            // a burst of new connections waits in the kernel's queue instead of being dropped (and retried a second later)
            connector.setAcceptQueueSize(ACCEPT_QUEUE);
            return connector;
        });
    }

    /**
     * Request bodies up to this size are read by Jetty, without a thread, before the request is
     * handled: 64 KiB, well above a query's JSON; 10,000 connections x 64 KiB stays under 1 GB.
     */
    private static final long EAGER_BODY_BYTES = 64 << 10;
    /** Connections waiting to be accepted (the listen backlog), at most the kernel's somaxconn. */
    private static final int ACCEPT_QUEUE = 1024;
    /** The remote-ingest row stream's path, as a Jetty regex path spec. */
    private static final String ROW_STREAM_PATH = "^/workspaces/[^/]+/tables/[^/]+/writer/[^/]+/rows$";
    /** Jetty's graceful stop after the drain: answers being written get this long, in ms. */
    private static final long JETTY_STOP_MS = 2_000;
    /** How often shutdown cancels the queries still running after the drain timeout, in ms. */
    private static final long CANCEL_EVERY_MS = 100;
    /** How long requests whose queries the drain timeout cancelled get to answer: 2 s. */
    private static final java.time.Duration CANCELLED_GRACE = java.time.Duration.ofSeconds(2);

    /** Authenticates, counts the request in flight, and refuses it while shutting down. */
    private Handler secured(Authenticator auth, Handler handler) {
        return ctx -> {
            if (!inFlight.enter()) {
                throw new ApiError(503, "shutting_down", "The server is shutting down; retry on another instance or later.");
            }
            try {
                auth.authenticate(ctx);
                handler.handle(ctx);
            } finally {
                inFlight.exit();
            }
        };
    }

    /** Starts a server on the lake directory of {@code config}. */
    public static DeeplakeServer start(ServerConfig config) {
        return start(config, ai.deeplake4j.server.lake.EngineLake.open(config.lake(), config.engineSettings()));
    }

    /**
     * Starts a server on an open lake.
     *
     * @param lake the lake to serve; the server closes it on {@link #close()}
     */
    public static DeeplakeServer start(ServerConfig config, Lake lake) {
        DeeplakeServer server = new DeeplakeServer(config, lake);
        server.app.start();
        LOG.info("deeplake4j server listening on {} (lake {})", server.url(), config.lake());
        return server;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    /** Authenticated requests running now (for monitoring and tests). */
    public int requestsInFlight() {
        return inFlight.running();
    }

    /** {@code http://host:port}. */
    public String url() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + host + ":" + port();
    }

    /** Graceful shutdown; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!inFlight.drain(config.shutdownTimeout())) {
                LOG.warn("Drain timeout {} reached with {} requests still running; cancelling their queries",
                        config.shutdownTimeout(), inFlight.running());
                // again and again: a request may be just starting its query (opening its workspace)
                long graceEnd = System.nanoTime() + CANCELLED_GRACE.toNanos();
                boolean drained;
                do {
                    lake.cancelRunning("the server is shutting down");
                    drained = inFlight.drain(java.time.Duration.ofMillis(CANCEL_EVERY_MS));
                } while (!drained && System.nanoTime() < graceEnd);
                if (!drained) {
                    LOG.warn("{} requests still running after their queries were cancelled; stopping anyway", inFlight.running());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            app.stop();
        } catch (RuntimeException e) {
            // Jetty stops anyway; its graceful part ran out of time (an answer that could not be written)
            LOG.warn("Jetty did not stop gracefully within {} ms: {}", JETTY_STOP_MS, e.getMessage());
        }
        writers.close();
        writerSweep.shutdownNow();
        housekeeping.shutdownNow();
        lake.close();
        LOG.info("deeplake4j server stopped");
    }
}
