package ai.deeplake4j.server.lake;

import ai.deeplake4j.api.Client;
import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.WorkspaceException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.schema.TableInfo;
import ai.deeplake4j.engine.EmbeddedClient;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableStore;
import ai.deeplake4j.ingest.write.TableWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Lake} over the engine: one shared engine lake (catalog and files) and one
 * {@link EmbeddedClient} per organization and workspace. Each client has its own DuckDB database
 * holding only its workspace's tables, so SQL of one organization cannot name another's tables,
 * and that database may touch no file outside the workspace's directory
 * ({@link ai.deeplake4j.engine.sql.QueryEngine#confineToWorkspace}).
 *
 * <p>Engines are opened on first use and closed again so that server memory stays bounded: at
 * most {@link Settings#maxOpenWorkspaces} stay open (the least recently used idle one is closed
 * when another opens), and {@link #evictIdle()} closes those unused for
 * {@link Settings#idleTimeout}. An engine is never closed while a call or a table writer uses
 * it: the {@link WorkspaceLake} handed out leases the engine per call (and per writer, until the
 * writer closes) and reopens it when it was closed meanwhile. When every open engine is busy, one
 * more opens anyway and the count shrinks back as they go idle. Thread-safe.
 */
public final class EngineLake implements Lake {

    private static final Logger LOG = LoggerFactory.getLogger(EngineLake.class);

    /**
     * How workspace engines run.
     *
     * @param duckdbThreads     DuckDB threads of each workspace's database, or 0 for DuckDB's default (the cores)
     * @param maxOpenWorkspaces engines kept open at most (idle ones beyond it are closed), at least 1
     * @param idleTimeout       an engine unused this long is closed by {@link #evictIdle()}; positive
     * @param duckdbMemoryLimit bytes of memory each workspace's database may use, or 0 for DuckDB's
     *                          default (80% of RAM each); see {@link ai.deeplake4j.engine.sql.QueryEngine#setMemoryLimit}
     */
    public record Settings(int duckdbThreads, int maxOpenWorkspaces, Duration idleTimeout, long duckdbMemoryLimit) {
        /** DuckDB's default threads and memory, 64 open workspaces, 10 minutes idle. */
        public static final Settings DEFAULTS = new Settings(0, 64, Duration.ofMinutes(10), 0);

        public Settings {
            if (duckdbThreads < 0) {
                throw new IllegalArgumentException("duckdbThreads must be >= 0, got " + duckdbThreads);
            }
            if (duckdbMemoryLimit != 0 && duckdbMemoryLimit < ai.deeplake4j.engine.sql.QueryEngine.MIN_MEMORY_LIMIT) {
                throw new IllegalArgumentException("duckdbMemoryLimit must be 0 (DuckDB's default) or at least 1 MiB, got "
                        + duckdbMemoryLimit);
            }
            if (maxOpenWorkspaces < 1) {
                throw new IllegalArgumentException("maxOpenWorkspaces must be >= 1, got " + maxOpenWorkspaces);
            }
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
            }
        }
    }

    private record Key(String org, String workspace) {
    }

    /** One workspace: its engine while open, and the leases on it. Fields guarded by the EngineLake. */
    private final class Slot {
        final Key key;
        final WorkspaceLake view;
        EmbeddedClient client;
        int users;
        long lastUsed;
        boolean retired;

        Slot(Key key) {
            this.key = key;
            Path dir = lake.workspaceDir(ai.deeplake4j.engine.lake.Lake.namespace(key.org(), key.workspace()));
            String relative = lake.root().relativize(dir).toString().replace(java.io.File.separatorChar, '/');
            LeasedClient leased = new LeasedClient(this);
            this.view = new WorkspaceLake(leased, new LeasedStore(this), relative,
                    table -> leased.run(c -> {
                        c.engine().reloadTableNames();
                        c.engine().compactIfNeeded(table);
                    }));
        }
    }

    private final ai.deeplake4j.engine.lake.Lake lake;
    private final Settings settings;
    private final LongSupplier clock;
    private final Map<Key, Slot> slots = new HashMap<>();
    private final List<Thread> closers = new ArrayList<>();
    private int open;
    private boolean closed;

    private EngineLake(ai.deeplake4j.engine.lake.Lake lake, Settings settings, LongSupplier clock) {
        this.lake = lake;
        this.settings = settings;
        this.clock = clock;
    }

    /** Opens (creating if needed) the lake directory with {@link Settings#DEFAULTS}. */
    public static EngineLake open(Path dir) {
        return open(dir, Settings.DEFAULTS);
    }

    /** Opens (creating if needed) the lake directory. */
    public static EngineLake open(Path dir, Settings settings) {
        return open(dir, settings, System::nanoTime);
    }

    /** As {@link #open(Path, Settings)} with a clock in nanoseconds (tests). */
    static EngineLake open(Path dir, Settings settings, LongSupplier nanoClock) {
        return new EngineLake(ai.deeplake4j.engine.lake.Lake.open(dir), settings, nanoClock);
    }

    @Override
    public synchronized WorkspaceLake workspace(String org, String workspace) {
        if (closed) {
            throw new IllegalStateException("The lake is closed.");
        }
        return slots.computeIfAbsent(new Key(org, workspace), Slot::new).view;
    }

    /**
     * Runs {@code work} on the engine of a workspace, holding it open meanwhile (benchmarks and
     * tests that need the engine itself).
     */
    public <T> T withEngine(String org, String workspace, Function<EmbeddedClient, T> work) {
        return ((LeasedClient) workspace(org, workspace).client()).call(work);
    }

    /** Engines open now (for monitoring and tests). */
    public synchronized int openWorkspaces() {
        return open;
    }

    private EmbeddedClient acquire(Slot slot) {
        List<EmbeddedClient> evicted;
        EmbeddedClient client;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The server's lake is closed.");
            }
            if (slot.retired) {
                throw new WorkspaceException("Workspace '" + slot.key.workspace() + "' not found: it was deleted while this request used it. Create it again to use it.");
            }
            if (slot.client == null) {
                // opening holds the lock (tens of ms, only on first use or after an eviction), so
                // that two requests never open the same workspace twice
                slot.client = openEngine(slot.key);
                open++;
            }
            slot.users++;
            slot.lastUsed = clock.getAsLong();
            client = slot.client;
            evicted = evictable(false);
        }
        if (!evicted.isEmpty()) {
            // not on the request's thread: a close waits for the engine's background compaction
            Thread closer = Thread.ofPlatform().daemon().name("deeplake4j-workspace-close").start(() -> closeAll(evicted));
            synchronized (this) {
                closers.removeIf(t -> !t.isAlive());
                closers.add(closer);
            }
        }
        return client;
    }

    private void release(Slot slot) {
        EmbeddedClient retiredClient = null;
        synchronized (this) {
            slot.users--;
            slot.lastUsed = clock.getAsLong();
            if (slot.retired && slot.users == 0 && slot.client != null) {
                retiredClient = detach(slot);
            }
        }
        if (retiredClient != null) {
            retiredClient.close();
        }
    }

    private EmbeddedClient openEngine(Key key) {
        EmbeddedClient client = EmbeddedClient.on(lake, key.org(), key.workspace());
        try {
            if (settings.duckdbThreads() > 0) {
                client.engine().setThreads(settings.duckdbThreads());
            }
            if (settings.duckdbMemoryLimit() > 0) {
                client.engine().setMemoryLimit(settings.duckdbMemoryLimit());
            }
            client.engine().confineToWorkspace();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Closes the engines unused for {@link Settings#idleTimeout} (and idle ones beyond
     * {@link Settings#maxOpenWorkspaces}); the server calls it periodically. Their workspaces
     * reopen on the next request.
     */
    @Override
    public void evictIdle() {
        List<EmbeddedClient> evicted;
        synchronized (this) {
            evicted = evictable(true);
        }
        closeAll(evicted);
    }

    /** Detaches the idle engines to close: beyond the cap (least recently used first), and with {@code expired} the idle-timed-out ones. */
    private List<EmbeddedClient> evictable(boolean expired) {
        if (!expired && open <= settings.maxOpenWorkspaces()) {
            return List.of();
        }
        long now = clock.getAsLong();
        List<Slot> idle = new ArrayList<>();
        for (Slot s : slots.values()) {
            if (s.client != null && s.users == 0) {
                idle.add(s);
            }
        }
        idle.sort(Comparator.comparingLong(s -> s.lastUsed));
        List<EmbeddedClient> out = new ArrayList<>();
        for (Slot s : idle) {
            boolean overCap = open > settings.maxOpenWorkspaces();
            boolean timedOut = expired && now - s.lastUsed >= settings.idleTimeout().toNanos();
            if (overCap || timedOut) {
                out.add(detach(s));
            }
        }
        if (open > settings.maxOpenWorkspaces()) {
            LOG.debug("{} workspace engines open, over the cap of {}: the others are busy", open, settings.maxOpenWorkspaces());
        }
        return out;
    }

    private EmbeddedClient detach(Slot s) {
        EmbeddedClient c = s.client;
        s.client = null;
        open--;
        return c;
    }

    /** Closes outside the lock: a close waits for the engine's background compaction (seconds). */
    private static void closeAll(List<EmbeddedClient> clients) {
        for (EmbeddedClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing an idle workspace engine failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public Set<String> organizations() {
        return directories(lake.warehouse());
    }

    @Override
    public Set<String> workspaces(String org) {
        Set<String> all = directories(ai.deeplake4j.engine.lake.ConfinedPaths.child(lake.warehouse(), Names.Kind.ORG, Names.org(org)));
        List<String> known;
        synchronized (this) {
            known = slots.keySet().stream().filter(k -> k.org().equals(org)).map(Key::workspace).toList();
        }
        for (String ws : known) {
            // read from the catalog: listing must not reopen every workspace's engine
            if (!lake.listTables(ai.deeplake4j.engine.lake.Lake.namespace(org, ws)).isEmpty()) {
                all.add(ws);
            }
        }
        return all;
    }

    @Override
    public void dropWorkspace(String org, String workspace) {
        WorkspaceLake ws = workspace(org, workspace);
        // every table of the catalog, the workspace's thumbnails table included (listTables leaves it out)
        for (String table : lake.listTables(ai.deeplake4j.engine.lake.Lake.namespace(org, workspace))) {
            ws.client().dropTable(table, true);
        }
        EmbeddedClient idle = null;
        synchronized (this) {
            Slot slot = slots.remove(new Key(org, workspace));
            if (slot != null) {
                slot.retired = true; // a request still running keeps its engine until it ends
                if (slot.client != null && slot.users == 0) {
                    idle = detach(slot);
                }
            }
        }
        if (idle != null) {
            idle.close();
        }
    }

    private static Set<String> directories(Path dir) {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        return names;
    }

    @Override
    public int cancelRunning(String reason) {
        List<EmbeddedClient> engines = new ArrayList<>();
        synchronized (this) {
            for (Slot s : slots.values()) {
                if (s.client != null) {
                    engines.add(s.client);
                }
            }
        }
        int n = 0;
        for (EmbeddedClient c : engines) {
            n += c.engine().cancelRunning(reason);
        }
        return n;
    }

    @Override
    public void close() {
        List<EmbeddedClient> all = new ArrayList<>();
        List<Thread> closing;
        synchronized (this) {
            closed = true;
            closing = List.copyOf(closers);
            for (Slot s : slots.values()) {
                if (s.client != null) {
                    all.add(detach(s));
                }
            }
            slots.clear();
        }
        all.forEach(EmbeddedClient::close);
        for (Thread t : closing) {
            try {
                t.join(); // an evicted engine's compaction still commits through the catalog
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        lake.close();
    }

    /** The workspace's {@link Client}: each call leases the engine, opening it when it is closed. */
    private final class LeasedClient implements Client {
        private final Slot slot;

        LeasedClient(Slot slot) {
            this.slot = slot;
        }

        <T> T call(Function<EmbeddedClient, T> work) {
            EmbeddedClient c = acquire(slot);
            try {
                return work.apply(c);
            } finally {
                release(slot);
            }
        }

        void run(java.util.function.Consumer<EmbeddedClient> work) {
            call(c -> {
                work.accept(c);
                return null;
            });
        }

        @Override
        public IngestResult ingest(String table, Map<String, ? extends List<?>> data, IngestOptions options) {
            return call(c -> c.ingest(table, data, options));
        }

        @Override
        public List<Map<String, Object>> query(String sql, Object... params) {
            return call(c -> c.query(sql, params));
        }

        @Override
        public List<Map<String, Object>> query(String sql, java.time.Duration timeout, Object... params) {
            return call(c -> c.query(sql, timeout, params));
        }

        @Override
        public List<String> listTables() {
            return call(EmbeddedClient::listTables);
        }

        @Override
        public void dropTable(String table, boolean ifExists) {
            run(c -> c.dropTable(table, ifExists));
        }

        @Override
        public TableInfo describeTable(String table) {
            return call(c -> c.describeTable(table));
        }

        @Override
        public void createIndex(String table, String column, String indexType) {
            run(c -> c.createIndex(table, column, indexType));
        }

        @Override
        public void dropIndex(String table, String column) {
            run(c -> c.dropIndex(table, column));
        }

        /** The engine belongs to the lake, which closes it. */
        @Override
        public void close() {
        }
    }

    /** The workspace's {@link TableStore}: a writer leases the engine until it closes. */
    private final class LeasedStore implements TableStore {
        private final Slot slot;

        LeasedStore(Slot slot) {
            this.slot = slot;
        }

        @Override
        public TableWriter openWriter(String table, TableSchema schema) {
            EmbeddedClient c = acquire(slot);
            try {
                return new LeasedWriter(c.engine().store().openWriter(table, schema), slot);
            } catch (RuntimeException e) {
                release(slot);
                throw e;
            }
        }

        @Override
        public String datasetPath(String table) {
            return "al://" + slot.key.workspace() + "/" + table;
        }
    }

    /** A writer that returns its lease on {@link #close()} (once). */
    private final class LeasedWriter implements TableWriter {
        private final TableWriter writer;
        private final Slot slot;
        private boolean released;

        LeasedWriter(TableWriter writer, Slot slot) {
            this.writer = writer;
            this.slot = slot;
        }

        @Override
        public TableSchema columns() {
            return writer.columns();
        }

        @Override
        public void append(Object[] row) {
            writer.append(row);
        }

        @Override
        public void flush() {
            writer.flush();
        }

        @Override
        public long mark() {
            return writer.mark();
        }

        @Override
        public void rollbackTo(long mark) {
            writer.rollbackTo(mark);
        }

        @Override
        public long pendingRows() {
            return writer.pendingRows();
        }

        @Override
        public long pendingBytes() {
            return writer.pendingBytes();
        }

        @Override
        public void commit() {
            writer.commit();
        }

        @Override
        public long sync() {
            return writer.sync();
        }

        @Override
        public void abort() {
            writer.abort();
        }

        @Override
        public void close() {
            end(writer::close);
        }

        @Override
        public void discard() {
            end(writer::discard);
        }

        private void end(Runnable closing) {
            boolean first;
            synchronized (this) {
                first = !released;
                released = true;
            }
            try {
                closing.run();
            } finally {
                if (first) {
                    release(slot);
                }
            }
        }
    }
}
