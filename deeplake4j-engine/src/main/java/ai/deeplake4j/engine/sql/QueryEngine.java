package ai.deeplake4j.engine.sql;

import ai.deeplake4j.api.error.InternalException;
import ai.deeplake4j.api.error.QueryCancelledException;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.QueryTimeoutException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.engine.cancel.Deadlines;
import ai.deeplake4j.engine.cancel.QueryCancellation;
import ai.deeplake4j.engine.lake.Lake;
import ai.deeplake4j.engine.table.Compaction;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.engine.table.LakeTableStore;
import ai.deeplake4j.engine.table.OrphanFiles;
import ai.deeplake4j.engine.table.SnapshotExpiry;
import ai.deeplake4j.engine.table.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.iceberg.catalog.Namespace;
import org.duckdb.DuckDBConnection;

/**
 * Runs SQL for one workspace (ARCHITECTURE D1): an in-memory DuckDB database holds one view per
 * table over the Parquet files of its current Iceberg snapshot. Before each statement the views of
 * the tables it names are brought up to date (a cheap catalog read when nothing changed), so
 * every statement sees the latest commit. Writes (INSERT, UPDATE, DELETE, DDL) go through
 * {@link DmlExecutor}. One database per workspace keeps other workspaces' tables out of reach.
 * Thread-safe.
 */
public final class QueryEngine implements AutoCloseable {
    private static final int LEX_CACHE = 512;

    private final Lake lake;
    private final Namespace namespace;
    private final String workspace;
    private final DuckDBConnection root;
    private final ConcurrentLinkedQueue<DuckDBConnection> idle = new ConcurrentLinkedQueue<>();
    /** The calls of {@link #execute} running now, for {@link #cancelRunning}. */
    private final Set<QueryCancellation> running = ConcurrentHashMap.newKeySet();
    private final Map<String, ViewState> views = new ConcurrentHashMap<>();
    private final Map<String, List<Token>> lexed = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Token>> eldest) {
            return size() > LEX_CACHE;
        }
    });
    private final List<java.util.function.Consumer<String>> dropListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LakeTableStore store;
    private final DmlExecutor dml;
    private volatile Map<String, String> knownTables = Map.of();
    private volatile IndexDdlHandler indexDdl = IndexDdlHandler.NONE;
    private volatile SearchHandler search = SearchHandler.NONE;
    private final Set<String> compacting = ConcurrentHashMap.newKeySet();
    /** When background maintenance last swept each table (lower-cased name) for orphan files. */
    private final Map<String, Instant> orphanSweeps = new ConcurrentHashMap<>();
    private static final Duration ORPHAN_SWEEP_INTERVAL = Duration.ofHours(1);
    /** When background maintenance last expired each table's (lower-cased name) old snapshots. */
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private static final Duration EXPIRY_INTERVAL = Duration.ofHours(1);
    /** The smallest DuckDB memory limit {@link #setMemoryLimit} takes: 1 MiB. */
    public static final long MIN_MEMORY_LIMIT = 1L << 20;
    private final java.util.concurrent.ExecutorService maintenance = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "deeplake4j-maintenance");
        t.setDaemon(true);
        return t;
    });

    /**
     * The DuckDB view of a table: the snapshot it shows, and the catalog version read before the
     * table was last refreshed ({@link Lake#catalogVersion()}); while the catalog version is the
     * same, no commit happened since and the view is current without asking the catalog.
     */
    private record ViewState(LakeTable table, long snapshotId, long catalogVersion) {
    }

    public QueryEngine(Lake lake, Namespace namespace, String workspace) {
        this.lake = lake;
        this.namespace = namespace;
        this.workspace = workspace;
        try {
            this.root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            Path tmp = lake.root().resolve("tmp");
            Files.createDirectories(tmp);
            try (java.sql.Statement s = root.createStatement()) {
                s.execute("SET temp_directory = " + Sql.literal(tmp.toString()));
                // Keep each Parquet file's footer (schema, row-group statistics) in memory: data files
                // never change, and re-reading the footer was about 0.1 ms of a 0.7 ms point lookup.
                // (DuckDB 1.5 kept enable_object_cache only as a no-op placeholder.)
                s.execute("SET parquet_metadata_cache = true");
            }
        } catch (SQLException | IOException e) {
            throw new InternalException("Cannot start DuckDB for workspace '" + workspace + "': " + e.getMessage(), e);
        }
        this.store = new LakeTableStore(lake, namespace, workspace, this::newConnection);
        this.dml = new DmlExecutor(this);
        reloadTableNames();
    }

    public Lake lake() {
        return lake;
    }

    public Namespace namespace() {
        return namespace;
    }

    public String workspace() {
        return workspace;
    }

    public LakeTableStore store() {
        return store;
    }

    /** Installs the handler of CREATE/DROP INDEX (the search layer). */
    public void setIndexDdlHandler(IndexDdlHandler handler) {
        this.indexDdl = handler;
    }

    /** Installs the handler of queries using {@code <#>} and {@code @>} (the search layer). */
    public void setSearchHandler(SearchHandler handler) {
        this.search = handler;
    }

    /**
     * Sets how many threads DuckDB runs this workspace's statements on (DuckDB's {@code threads}
     * setting of this workspace's own database; DuckDB's default is the machine's cores). More
     * threads speed up a large scan on an idle machine; when many small statements run at once
     * (a server), each query already has a core, and with one thread DuckDB no longer hands tasks
     * to its worker threads: a point lookup took about 0.17 ms less CPU (0.76 vs 0.93 ms) here.
     *
     * @param threads at least 1
     * @throws IllegalArgumentException when {@code threads} is below 1
     * @throws QueryException           when DuckDB refuses the setting (e.g. a locked configuration)
     */
    public void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("DuckDB threads must be at least 1, got " + threads);
        }
        applySettings("set DuckDB threads of", "SET threads = " + threads);
    }

    /**
     * Caps the memory of this workspace's DuckDB database (DuckDB's {@code memory_limit}; its
     * default is 80% of the machine's RAM for each database). Operators that outgrow it spill to
     * DuckDB's temporary directory where they can, and fail with DuckDB's out-of-memory error
     * otherwise. A server sets it so that its open workspaces together stay within the machine.
     *
     * @param bytes the limit in bytes, at least 1 MiB (rounded down to whole KiB)
     * @throws IllegalArgumentException when {@code bytes} is below 1 MiB
     * @throws QueryException           when DuckDB refuses the setting (e.g. a locked configuration)
     */
    public void setMemoryLimit(long bytes) {
        if (bytes < MIN_MEMORY_LIMIT) {
            throw new IllegalArgumentException("DuckDB memory limit must be at least 1 MiB, got " + bytes + " bytes");
        }
        applySettings("set the DuckDB memory limit of", "SET memory_limit = '" + (bytes >> 10) + "KiB'");
    }

    /**
     * Confines this workspace's database to the workspace's own directory ({@code
     * warehouse/<org>/<workspace>/}, where its tables, data files and indexes live) and freezes its
     * settings, for a server: DuckDB then refuses to read, write or list any other file (another
     * workspace's tables, {@code /etc/passwd}), to attach databases or load extensions, and any
     * {@code SET}. A second wall behind the server's SQL guard. Irreversible; call after
     * {@link #setThreads}. Spilling to the temporary directory still works (DuckDB's own files).
     *
     * @throws QueryException when DuckDB refuses a setting
     */
    public void confineToWorkspace() {
        String dir = lake.workspaceDir(namespace).toAbsolutePath().normalize() + java.io.File.separator;
        applySettings("confine the database of", "SET allowed_directories = [" + Sql.literal(dir) + "]",
                "SET enable_external_access = false", "SET lock_configuration = true");
    }

    /** Runs {@code statements} on this workspace's database; a refusal names {@code what} was tried. */
    private void applySettings(String what, String... statements) {
        try (java.sql.Statement s = root.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new QueryException("Cannot " + what + " workspace '" + workspace + "': " + e.getMessage(), e);
        }
    }

    /** A new connection to this workspace's database; the caller closes it. */
    public DuckDBConnection newConnection() {
        try {
            return (DuckDBConnection) root.duplicate();
        } catch (SQLException e) {
            throw new InternalException("Cannot open a DuckDB connection: " + e.getMessage(), e);
        }
    }

    /**
     * Runs one or more {@code ;}-separated statements and returns the rows of the last, with no
     * timeout ({@link #cancelRunning} can still stop it).
     *
     * @throws QueryException   malformed SQL (with the position) or a failed statement
     * @throws TableException   unknown table
     */
    public List<Map<String, Object>> execute(String sql, Object... params) {
        return execute(sql, null, params);
    }

    /**
     * As {@link #execute(String, Object...)}, cancelled when it runs longer than {@code timeout}:
     * the DuckDB statements it is running are interrupted ({@link QueryCancellation}), what it had
     * not committed is discarded, and it fails within about {@link Deadlines#REPEAT_MS} ms of the
     * deadline. Its statements then leave this engine (and its connections) usable.
     *
     * @param timeout how long it may run, or null for no limit
     * @throws QueryTimeoutException   when the timeout passed and the call was cancelled
     * @throws QueryCancelledException when {@link #cancelRunning} stopped it
     * @throws QueryException          malformed SQL (with the position) or a failed statement
     * @throws TableException          unknown table
     */
    public List<Map<String, Object>> execute(String sql, Duration timeout, Object... params) {
        if (QueryCancellation.current() != null) {
            return executeStatements(sql, params); // part of a call already under way: its handle covers it
        }
        QueryCancellation call = new QueryCancellation();
        running.add(call);
        java.util.concurrent.ScheduledFuture<?> deadline = timeout == null ? null : Deadlines.expire(call, timeout);
        try (QueryCancellation.Tracked scope = call.enter()) {
            return executeStatements(sql, params);
        } catch (RuntimeException e) {
            String reason = call.reason();
            if (reason == null) {
                throw e;
            }
            if (call.timedOut()) {
                throw new QueryTimeoutException("Query timed out after " + timeout.toMillis() + " ms and was cancelled"
                        + " (nothing it had not committed was kept): " + shorten(sql)
                        + ". Give it a longer timeout or narrow the query.", e);
            }
            throw new QueryCancelledException("Query cancelled because " + reason + " (nothing it had not committed was kept): "
                    + shorten(sql), e);
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            running.remove(call);
        }
    }

    /**
     * Cancels every call running on this engine now (see {@link #execute(String, Duration, Object...)}),
     * e.g. when a server's drain timeout has passed; they fail with a {@link QueryCancelledException}
     * naming {@code reason}.
     *
     * @return how many calls were running
     */
    public int cancelRunning(String reason) {
        int n = 0;
        for (QueryCancellation call : running) {
            call.cancel(reason);
            n++;
        }
        return n;
    }

    private static String shorten(String sql) {
        return sql.length() > 120 ? sql.substring(0, 120) + "..." : sql;
    }

    private List<Map<String, Object>> executeStatements(String sql, Object... params) {
        if (sql == null || sql.isBlank()) {
            throw new QueryException("Empty SQL statement.");
        }
        List<Token> tokens = lexed.computeIfAbsent(sql, SqlLexer::lex);
        tokens = Dialect.rewrite(SqlLiterals.inline(tokens, params == null ? new Object[0] : params));
        List<List<Token>> statements = StatementParser.split(tokens);
        if (statements.isEmpty()) {
            throw new QueryException("Empty SQL statement.");
        }
        List<Map<String, Object>> result = List.of();
        for (List<Token> statement : statements) {
            QueryCancellation.checkCurrent();
            result = run(StatementParser.parse(statement), statement);
        }
        return result;
    }

    private List<Map<String, Object>> run(Statement statement, List<Token> tokens) {
        return switch (statement) {
            case Statement.Query q -> query(q.sql(), tokens);
            case Statement.Insert i -> dml.insert(i, tokens);
            case Statement.Update u -> dml.update(u, tokens);
            case Statement.Delete d -> dml.delete(d, tokens);
            case Statement.CreateTable c -> dml.createTable(c);
            case Statement.DropTable d -> dml.dropTable(d);
            case Statement.IndexDdl ddl -> indexDdl.execute(ddl);
            case Statement.Transaction t -> List.of();
        };
    }

    private List<Map<String, Object>> query(String sql, List<Token> tokens) {
        refreshViews(tokens);
        List<Map<String, Object>> searched = search.execute(tokens);
        if (searched != null) {
            return searched;
        }
        try {
            return select(sql);
        } catch (TableException missing) {
            // A table created by another client since the names were last read: reload once.
            reloadTableNames();
            refreshViews(tokens);
            return select(sql);
        }
    }

    /**
     * Runs a query on a pooled connection and converts its rows.
     *
     * @throws QueryException    when DuckDB refuses it (the message keeps DuckDB's excerpt of {@code sql})
     * @throws TableException    unknown table
     * @throws ai.deeplake4j.api.error.InternalException a DuckDB internal error, or a table file missing on disk
     */
    public List<Map<String, Object>> select(String sql) {
        return select(sql, null);
    }

    /**
     * As {@link #select(String)} for SQL the engine generated to serve a statement on {@code table}
     * (it names data files): an error names the table and leaves out DuckDB's excerpt of the text.
     */
    public List<Map<String, Object>> selectGenerated(String table, String sql) {
        return select(sql, table);
    }

    private List<Map<String, Object>> select(String sql, String generatedFor) {
        DuckDBConnection c = borrow();
        List<Map<String, Object>> rows = List.of();
        boolean reusable = false;
        try (java.sql.Statement s = c.createStatement(); QueryCancellation.Tracked tracked = QueryCancellation.track(s)) {
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    rows = Results.rows(rs);
                }
            }
            reusable = true;
        } catch (SQLException e) {
            throw generatedFor == null ? SqlErrors.map(e, this) : SqlErrors.mapGenerated(e, this, generatedFor);
        } finally {
            if (reusable) {
                idle.add(c);
            } else {
                // A connection whose statement failed (or whose rows could not be read) may keep a
                // broken pending result: never reuse it.
                closeQuietly(c);
            }
        }
        return rows;
    }

    private static void closeQuietly(DuckDBConnection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // already unusable
        }
    }

    private DuckDBConnection borrow() {
        DuckDBConnection c = idle.poll();
        return c != null ? c : newConnection();
    }

    /** Brings the views of the tables named in {@code tokens} up to date. */
    void refreshViews(List<Token> tokens) {
        Map<String, String> known = knownTables;
        Set<String> seen = new java.util.HashSet<>();
        for (Token t : tokens) {
            String id = t.identifier();
            if (id != null && seen.add(id)) {
                String name = known.get(id.toLowerCase(Locale.ROOT));
                if (name != null) {
                    ensureView(name);
                }
            }
        }
    }

    /**
     * Makes the view of {@code table} show its current snapshot; returns the table. Every commit
     * that completed before this call is visible, whichever process made it: the table is re-read
     * from the catalog only when the catalog changed since its view was last brought up to date.
     *
     * @throws TableException when the table does not exist
     */
    public LakeTable ensureView(String table) {
        String key = table.toLowerCase(Locale.ROOT);
        // Read before refreshing: a commit landing during the refresh shows up as a newer version
        // next time, so it is never taken as seen.
        long version = lake.catalogVersion();
        ViewState state = views.get(key);
        if (state != null && state.catalogVersion() >= version) {
            return state.table();
        }
        LakeTable t = state == null ? lake.load(namespace, table) : refreshed(state.table());
        if (t == null) {
            dropView(table);
            throw notFound(table);
        }
        long snapshot = t.snapshotId();
        synchronized (this) {
            ViewState again = views.get(key);
            if (again != null && again.catalogVersion() >= version) {
                return again.table(); // a statement that started later already brought it up to date
            }
            if (again == null || again.table() != t || again.snapshotId() != snapshot) {
                String sql = "CREATE OR REPLACE VIEW " + Sql.identifier(t.name()) + " AS " + t.scanSql(t.dataFiles(snapshot), false, false);
                try (java.sql.Statement s = root.createStatement()) {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw SqlErrors.mapGenerated(e, this, t.name());
                }
            }
            views.put(key, new ViewState(t, snapshot, version));
        }
        return t;
    }

    /**
     * The table at its latest commit, through the view cache: a catalog pointer read, and a new
     * view only when the table changed (unlike {@link #table}, which loads the table afresh).
     *
     * @throws TableException unknown table
     */
    public LakeTable current(String name) {
        String actual = knownTables.get(name.toLowerCase(Locale.ROOT));
        if (actual == null) {
            reloadTableNames();
            actual = knownTables.get(name.toLowerCase(Locale.ROOT));
        }
        if (actual == null) {
            throw notFound(name);
        }
        return ensureView(actual);
    }

    /**
     * The table re-read from the catalog; null when another process dropped it; a new instance
     * when another process dropped and re-created it (Iceberg refuses to refresh a table object
     * onto a table with another UUID).
     */
    private LakeTable refreshed(LakeTable table) {
        try {
            return table.refresh();
        } catch (org.apache.iceberg.exceptions.NoSuchTableException e) {
            return null;
        } catch (IllegalStateException e) {
            return lake.load(namespace, table.name());
        }
    }

    /** The table, refreshed, or a {@link TableException} naming it. */
    public LakeTable table(String name) {
        LakeTable t = lake.load(namespace, name);
        if (t == null) {
            String actual = knownTables.get(name.toLowerCase(Locale.ROOT));
            if (actual != null && !actual.equals(name)) {
                t = lake.load(namespace, actual);
            }
        }
        if (t == null) {
            throw notFound(name);
        }
        return t;
    }

    public TableException notFound(String table) {
        return new TableException("Table not found: " + table + " (workspace '" + workspace
                + "'). Create it with ingest or CREATE TABLE, or check the name with listTables().");
    }

    /**
     * Compacts the table's small data files in the background when there are many (after ingests
     * and INSERTs), and at most once an hour per table expires its snapshots older than its retention
     * ({@link #expireSnapshots}) and removes its orphan data files older than
     * {@link #orphanMinAge()} ({@link OrphanFiles}). The write that triggered it has already
     * committed, so a failure here is only logged; at most one pass per table waits in the queue.
     */
    public void compactIfNeeded(String table) {
        String key = table.toLowerCase(Locale.ROOT);
        if (!compacting.add(key)) {
            return;
        }
        maintenance.submit(() -> {
            compacting.remove(key); // a write arriving while this runs queues another pass
            try {
                LakeTable t = table(table).refresh();
                if (Compaction.needed(t)) {
                    try (DuckDBConnection c = newConnection()) {
                        Compaction.compact(t, c);
                    }
                }
                expireSnapshotsIfDue(t, key);
                sweepOrphansIfDue(t, key);
            } catch (SQLException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(QueryEngine.class).warn("Maintenance (compaction, snapshot expiry, orphan files) of table {} failed: {}",
                        table, e.getMessage());
            }
        });
    }

    private void expireSnapshotsIfDue(LakeTable t, String key) {
        Instant now = Instant.now();
        if (!due(expiries, key, EXPIRY_INTERVAL, now)) {
            return;
        }
        Duration maxAge = SnapshotExpiry.maxAge(t);
        int expired = SnapshotExpiry.expire(t, now.minus(maxAge));
        if (expired > 0) {
            org.slf4j.LoggerFactory.getLogger(QueryEngine.class).info("Expired {} snapshots of table {} older than {}", expired, t.name(),
                    maxAge);
        }
    }

    /**
     * True, and {@code now} recorded for {@code key}, when the last run recorded in {@code lastRuns}
     * is at least {@code interval} ago (or there was none): background work that runs at most
     * once per interval per table.
     */
    private static boolean due(Map<String, Instant> lastRuns, String key, Duration interval, Instant now) {
        Instant last = lastRuns.get(key);
        if (last != null && last.plus(interval).isAfter(now)) {
            return false;
        }
        lastRuns.put(key, now);
        return true;
    }

    /**
     * Expires the table's snapshots created before {@code olderThan}, except the current one and
     * tagged ones, and deletes the data and metadata files only they used ({@link SnapshotExpiry}).
     * Background maintenance does this at most once an hour per table after writes, with the
     * table's retention ({@link #snapshotRetention}, 7 days by default). Versions expired can no
     * longer be checked out.
     *
     * @return how many snapshots were expired
     * @throws TableException when the table does not exist
     */
    public int expireSnapshots(String table, Instant olderThan) {
        return SnapshotExpiry.expire(table(table), olderThan);
    }

    /**
     * How long the table keeps untagged snapshots: its Iceberg property
     * {@code history.expire.max-snapshot-age-ms}, which tables get from
     * {@link ai.deeplake4j.engine.lake.TableDefaults#snapshotMaxAge()} (7 days unless the system
     * property {@code deeplake4j.snapshots.maxAge} says otherwise).
     *
     * @throws TableException when the table does not exist
     */
    public Duration snapshotRetention(String table) {
        return SnapshotExpiry.maxAge(table(table));
    }

    /**
     * Sets how long the table keeps untagged snapshots (stored in the table, so other Iceberg
     * engines' maintenance follows it too).
     *
     * @param maxAge positive
     * @throws TableException           when the table does not exist
     * @throws IllegalArgumentException when {@code maxAge} is not positive
     */
    public void setSnapshotRetention(String table, Duration maxAge) {
        SnapshotExpiry.setMaxAge(table(table), maxAge);
    }

    private void sweepOrphansIfDue(LakeTable t, String key) {
        Instant now = Instant.now();
        if (!due(orphanSweeps, key, ORPHAN_SWEEP_INTERVAL, now)) {
            return;
        }
        OrphanFiles.Removed removed = OrphanFiles.remove(t, orphanMinAge(), now);
        if (removed.files() > 0) {
            org.slf4j.LoggerFactory.getLogger(QueryEngine.class).info("Removed {} orphan data files ({} bytes) of table {}",
                    removed.files(), removed.bytes(), t.name());
        }
    }

    /**
     * Removes the table's data files that no snapshot references and that are older than
     * {@code minAge} (see {@link OrphanFiles}); background maintenance does this with
     * {@link #orphanMinAge()} at most once an hour per table after writes.
     *
     * @param minAge files modified more recently are kept, since a writer in another process may
     *               not have committed them yet; use hours, not seconds, while other processes write
     * @return the files and bytes removed
     * @throws TableException when the table does not exist
     */
    public OrphanFiles.Removed removeOrphanFiles(String table, Duration minAge) {
        return OrphanFiles.remove(table(table), minAge, Instant.now());
    }

    /**
     * The minimum age of orphan files that background maintenance removes: the system property
     * {@code deeplake4j.orphanFiles.minAge} (ISO-8601, e.g. {@code PT6H}), default 24 hours.
     */
    public static Duration orphanMinAge() {
        String value = System.getProperty("deeplake4j.orphanFiles.minAge");
        return value == null ? OrphanFiles.DEFAULT_MIN_AGE : Duration.parse(value);
    }

    /** Waits until background maintenance queued so far is done (tests and benchmarks). */
    public void awaitMaintenance() {
        try {
            maintenance.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Forgets a dropped table's view. */
    /**
     * Runs {@code listener} with a table's name just before the table is dropped, by SQL {@code DROP
     * TABLE} or {@code Client.dropTable}, while its rows and files are still there: the search
     * layer closes the table's indexes, the thumbnails of its files are deleted. Listeners run in
     * the order they were added; one that throws stops the drop.
     */
    public void onDrop(java.util.function.Consumer<String> listener) {
        dropListeners.add(listener);
    }

    /**
     * Drops a table that exists: the drop listeners, then the catalog entry with the table's files,
     * then its view. The one way both {@code DROP TABLE} and {@code Client.dropTable} drop.
     */
    public void dropTable(String table) {
        for (java.util.function.Consumer<String> listener : dropListeners) {
            listener.accept(table);
        }
        lake.drop(namespace, table);
        dropView(table);
    }

    public void dropView(String table) {
        views.remove(table.toLowerCase(Locale.ROOT));
        try (java.sql.Statement s = root.createStatement()) {
            s.execute("DROP VIEW IF EXISTS " + Sql.identifier(table));
        } catch (SQLException e) {
            // no view to drop
        }
        reloadTableNames();
    }

    /** Re-reads the workspace's table names from the catalog. */
    public void reloadTableNames() {
        Map<String, String> m = new HashMap<>();
        for (String t : lake.listTables(namespace)) {
            m.put(t.toLowerCase(Locale.ROOT), t);
        }
        knownTables = Map.copyOf(m);
    }

    @Override
    public void close() {
        maintenance.shutdown();
        try {
            // a compaction in progress finishes (its commit is atomic either way)
            maintenance.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DuckDBConnection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        try {
            root.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
