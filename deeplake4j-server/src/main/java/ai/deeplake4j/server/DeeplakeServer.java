package ai.deeplake4j.server;

import ai.deeplake4j.server.auth.TokenVerifier;
import ai.deeplake4j.server.http.ApiError;
import ai.deeplake4j.server.http.Authenticator;
import ai.deeplake4j.server.http.BodyTypes;
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
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deeplake4j REST service (ARCHITECTURE D7, 2.2) on Javalin/Jetty: the Deeplake endpoints,
 * JWT auth, per-organization isolation, the SQL guard and the remote-ingest row stream.
 * {@code deeplake4j serve} calls {@link #start(ServerConfig, Lake)}; {@link #close()} shuts down
 * gracefully: {@code /ready} turns 503, new requests get 503, requests in progress (commits
 * included) finish within {@link ServerConfig#shutdownTimeout()}, then the lake closes.
 */
public final class DeeplakeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeeplakeServer.class);

    private final ServerConfig config;
    private final Lake lake;
    private final InFlight inFlight = new InFlight();
    private final ScheduledExecutorService watchdogs;
    private final ScheduledExecutorService housekeeping;
    private final WriterSessions writers;
    private final Javalin app;
    private boolean closed;

    private DeeplakeServer(ServerConfig config, Lake lake) {
        this.config = config;
        this.lake = lake;
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "deeplake4j-query-watchdog-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Every statement schedules a watchdog at its timeout (60 s by default) and cancels it when
        // done; without this, cancelled watchdogs stay queued until their deadline: at 1,000
        // statements/s, 60,000 dead entries in the queue's heap.
        scheduler.setRemoveOnCancelPolicy(true);
        this.watchdogs = scheduler;
        TokenVerifier verifier = new TokenVerifier(config.hmacSecret(), config.rsaPublicKey(), Clock.systemUTC());
        Authenticator auth = new Authenticator(verifier);
        QueryRoutes query = new QueryRoutes(lake, config.queryThreads(), watchdogs, config.maxBodyBytes(), config.queryTimeout(), config.maxQueryTimeout());
        TableRoutes tables = new TableRoutes(lake, config.maxBodyBytes());
        this.writers = new WriterSessions(config.idleTimeout());
        IngestRoutes ingest = new IngestRoutes(lake, writers, config.maxBodyBytes(), config.maxValueBytes());
        long sweep = Math.max(1, Math.min(30, config.idleTimeout().toSeconds() / 2));
        watchdogs.scheduleWithFixedDelay(writers::expireIdle, sweep, sweep, java.util.concurrent.TimeUnit.SECONDS);
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

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.maxRequestSize = config.maxBodyBytes();
        cfg.router.ignoreTrailingSlashes = true;
        cfg.jetty.modifyServer(server -> server.setStopTimeout(config.shutdownTimeout().toMillis()));
        cfg.jetty.addConnector((server, http) -> {
            http.setSendServerVersion(false);
            http.setDelayDispatchUntilContent(false);
            ServerConnector connector = new ServerConnector(server, new org.eclipse.jetty.server.HttpConnectionFactory(http));
            connector.setHost(config.host());
            connector.setPort(config.port());
            connector.setIdleTimeout(config.idleTimeout().toMillis());
            return connector;
        });
    }

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
                LOG.warn("Shutdown timeout {} reached with requests still running", config.shutdownTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
        writers.close();
        watchdogs.shutdownNow();
        housekeeping.shutdownNow();
        lake.close();
        LOG.info("deeplake4j server stopped");
    }
}
