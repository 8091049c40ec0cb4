package ai.deeplake4j.engine.table;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.engine.cancel.QueryCancellation;
import ai.deeplake4j.ingest.pipeline.Values;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.exceptions.CleanableFailure;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The engine's {@link TableWriter}. Rows go through DuckDB's appender into a staging table. On
 * {@link #commit()} that staging table is handed to a background committer and a fresh one takes
 * the next rows; the committer copies the staged rows into one Parquet data file (forced to disk)
 * and appends every file ready so far to the Iceberg table in one snapshot. So appending the next
 * batch overlaps both the Parquet write and the 60-130 ms catalog commit (ARCHITECTURE D5), and a
 * crash loses only rows whose file was not yet in a snapshot. At most {@value #MAX_IN_FLIGHT}
 * batches wait for the committer; {@link #commit()} blocks beyond that, bounding memory.
 */
public final class LakeTableWriter implements TableWriter {
    static final int MAX_IN_FLIGHT = 2;
    /** Snapshot summary property holding a commit message. */
    public static final String MESSAGE = "deeplake4j.message";
    private static final String STAGING_SCHEMA = "dl_staging";
    private static final AtomicInteger WRITER_IDS = new AtomicInteger();

    private final LakeTable table;
    private final Runnable dropCreated;
    private final TableSchema schema;
    private final DuckDBConnection connection;
    private final DuckDBConnection committerConnection;
    private final String stagingPrefix;
    private final String stagingDdl;
    private final TypeKind.Storage[] storage;
    private final boolean[] fixedVector;
    /** EMBEDDING and EMBEDDING_2D columns: their elements must be finite. */
    private final boolean[] embedding;
    private final String copySelect;
    private final ThreadPoolExecutor committer;
    private final Deque<Future<?>> inFlight = new ArrayDeque<>();
    private final List<DataFile> ready = new ArrayList<>();
    private String readyMessage;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicLong committedRows = new AtomicLong();
    private int stagingCount;
    private String staging;
    private DuckDBAppender appender;
    private long seq;
    private long commitSeq;
    private long pendingBytes;
    private long markBytes;
    private boolean closed;

    /**
     * @param connection a connection of the workspace database; the writer owns and closes it
     */
    public LakeTableWriter(LakeTable table, DuckDBConnection connection) {
        this(table, connection, null);
    }

    /**
     * @param connection  a connection of the workspace database; the writer owns and closes it
     * @param dropCreated when this writer's store created the table for it: removes the table again,
     *                    run by {@link #discard()} when this writer committed nothing; null otherwise
     */
    public LakeTableWriter(LakeTable table, DuckDBConnection connection, Runnable dropCreated) {
        this.dropCreated = dropCreated;
        this.table = table;
        this.schema = table.schema();
        this.connection = connection;
        this.stagingPrefix = STAGING_SCHEMA + ".w" + WRITER_IDS.incrementAndGet() + "_";
        this.storage = new TypeKind.Storage[schema.size()];
        this.fixedVector = new boolean[schema.size()];
        this.embedding = new boolean[schema.size()];
        StringBuilder ddl = new StringBuilder(" (_seq BIGINT");
        StringBuilder select = new StringBuilder("SELECT uuidv7() AS ").append(Sql.identifier("_id"));
        for (int i = 0; i < schema.size(); i++) {
            Column c = schema.get(i);
            String col = Sql.identifier(c.name());
            storage[i] = c.type().kind().storage();
            fixedVector[i] = storage[i] == TypeKind.Storage.FLOAT_LIST && c.type().dimension() > 0;
            embedding[i] = c.type().kind() == TypeKind.EMBEDDING || c.type().kind() == TypeKind.EMBEDDING_2D;
            ddl.append(", ").append(col).append(' ').append(ColumnTypes.staging(c.type()));
            select.append(", ").append(col).append(fixedVector[i] ? "::FLOAT[] AS " + col : "");
        }
        this.stagingDdl = ddl.append(')').toString();
        // Insertion order is kept by DuckDB scans; rolled-back rows are deleted, never reordered.
        this.copySelect = select.append(" FROM ").toString();
        try {
            this.committerConnection = (DuckDBConnection) connection.duplicate();
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + STAGING_SCHEMA);
            }
            newStaging();
        } catch (SQLException e) {
            throw failed("open a writer on", e);
        }
        this.committer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "deeplake4j-commit-" + table.name());
            t.setDaemon(true);
            return t;
        });
    }

    private void newStaging() throws SQLException {
        staging = stagingPrefix + (++stagingCount);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE " + staging + stagingDdl);
        }
        appender = connection.createAppender(STAGING_SCHEMA, staging.substring(STAGING_SCHEMA.length() + 1));
    }

    @Override
    public TableSchema columns() {
        return schema;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IngestException when an embedding holds NaN or an infinite value (rows a client of the
     *                         server streams come here without passing the ingest pipeline's checks)
     */
    @Override
    public void append(Object[] row) {
        checkFinite(row);
        try {
            appender.beginRow();
            appender.append(seq);
            for (int i = 0; i < storage.length; i++) {
                Object v = row[i];
                pendingBytes += Values.sizeOf(v);
                if (v == null) {
                    appender.appendNull();
                    continue;
                }
                switch (storage[i]) {
                    case TEXT -> appender.append((String) v);
                    case INT32 -> appender.append((int) (Integer) v);
                    case INT64 -> appender.append((long) (Long) v);
                    case FLOAT32 -> appender.append((float) (Float) v);
                    case FLOAT64 -> appender.append((double) (Double) v);
                    case BOOL -> appender.append((boolean) (Boolean) v);
                    case BYTES -> appender.append((byte[]) v);
                    case FLOAT_LIST -> {
                        if (fixedVector[i]) {
                            appender.append((float[]) v);
                        } else {
                            appender.append(boxed((float[]) v));
                        }
                    }
                    case FLOAT_MATRIX -> {
                        List<List<Float>> m = new ArrayList<>();
                        for (float[] r : (float[][]) v) {
                            m.add(boxed(r));
                        }
                        appender.append(m);
                    }
                }
            }
            appender.endRow();
            seq++;
        } catch (SQLException e) {
            throw failed("append a row to", e);
        }
    }

    private void checkFinite(Object[] row) {
        for (int i = 0; i < embedding.length; i++) {
            if (!embedding[i] || row[i] == null) {
                continue;
            }
            float[][] vectors = row[i] instanceof float[][] m ? m : new float[][] {(float[]) row[i]};
            for (float[] v : vectors) {
                int bad = Values.firstNonFinite(v);
                if (bad >= 0) {
                    throw new IngestException("Column '" + schema.get(i).name() + "' row " + seq + " of this write to table '"
                            + table.name() + "': element " + bad + " is " + v[bad] + "; embeddings must be finite numbers.");
                }
            }
        }
    }

    private static List<Float> boxed(float[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (float f : values) {
            out.add(f);
        }
        return out;
    }

    @Override
    public void flush() {
        try {
            appender.flush();
        } catch (SQLException e) {
            throw failed("stage rows for", e);
        }
    }

    @Override
    public long mark() {
        markBytes = pendingBytes;
        return seq;
    }

    @Override
    public void rollbackTo(long mark) {
        if (mark < commitSeq || mark > seq) {
            throw new IllegalArgumentException("mark " + mark + " is outside the uncommitted rows [" + commitSeq + ", " + seq + "]");
        }
        flush();
        try (Statement s = connection.createStatement()) {
            s.execute("DELETE FROM " + staging + " WHERE _seq >= " + mark);
        } catch (SQLException e) {
            throw failed("roll back rows of", e);
        }
        seq = mark;
        pendingBytes = Math.min(pendingBytes, markBytes);
    }

    /**
     * Stages the rows of a SQL source ({@code VALUES ...} or a query), as {@code INSERT INTO t
     * (columns) source} would, and returns how many there were.
     *
     * @param columns the target columns, in the order the source produces them
     */
    public long stage(List<String> columns, String source) throws SQLException {
        flush();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(staging).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Sql.identifier(columns.get(i)));
        }
        sql.append(") ").append(source);
        long rows;
        // an INSERT ... SELECT runs the user's query here: a query's timeout must be able to stop it
        try (Statement s = connection.createStatement(); QueryCancellation.Tracked tracked = QueryCancellation.track(s)) {
            rows = s.executeLargeUpdate(sql.toString());
            s.execute("UPDATE " + staging + " SET _seq = " + seq + " WHERE _seq IS NULL");
        }
        seq += rows;
        checkFiniteStaged(columns, seq - rows);
        return rows;
    }

    /**
     * Refuses staged rows (from {@code from} on) whose embeddings hold NaN or an infinite value: one
     * scan of those rows per embedding column, only when the statement wrote one.
     *
     * @throws QueryException naming the column and the first such row of the statement (from 0)
     */
    private void checkFiniteStaged(List<String> columns, long from) throws SQLException {
        for (String name : columns) {
            int i = schema.indexOf(name);
            if (i < 0 || !embedding[i]) {
                continue;
            }
            String col = Sql.identifier(name);
            String elements = storage[i] == TypeKind.Storage.FLOAT_MATRIX ? "flatten(" + col + ")" : col + "::FLOAT[]";
            // the statement's rows share one _seq; their rowids keep the statement's order
            String first = "SELECT min(rowid) FILTER (WHERE len(list_filter(" + elements + ", x -> isnan(x) OR isinf(x))) > 0)"
                    + " - min(rowid) FROM " + staging + " WHERE _seq >= " + from;
            try (Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery(first)) {
                rs.next();
                long bad = rs.getLong(1);
                if (!rs.wasNull()) {
                    rollbackTo(from);
                    throw new QueryException("Column '" + name + "' row " + bad + " of the INSERT into table '"
                            + table.name() + "' holds NaN or an infinite value; embeddings must be finite numbers.");
                }
            }
        }
    }

    @Override
    public long pendingRows() {
        return seq - commitSeq;
    }

    @Override
    public long pendingBytes() {
        return pendingBytes;
    }

    @Override
    public void commit() {
        commit(null);
    }

    /**
     * {@link #commit()} with a message recorded in the snapshot summary under {@value #MESSAGE}
     * (when commits are grouped into one snapshot, the last message wins).
     */
    public void commit(String message) {
        rethrowFailure();
        if (pendingRows() == 0) {
            return;
        }
        flush();
        String full = staging;
        try {
            appender.close();
            newStaging();
        } catch (SQLException e) {
            throw failed("stage rows for", e);
        }
        commitSeq = seq;
        pendingBytes = 0;
        markBytes = 0;
        while (inFlight.size() >= MAX_IN_FLIGHT) {
            await(inFlight.pollFirst());
        }
        inFlight.addLast(committer.submit(() -> writeAndCommit(full, message)));
    }

    /** Committer thread: one data file from a staging table, then one snapshot for all files ready. */
    private void writeAndCommit(String stagingTable, String message) {
        try {
            if (failure.get() != null) {
                return;
            }
            DataFile file;
            try {
                file = DataFileOutput.write(committerConnection, table, copySelect + stagingTable);
            } catch (SQLException | RuntimeException e) {
                failure.compareAndSet(null, new TableException("Writing a data file of table '" + table.name() + "' failed: "
                        + e.getMessage() + ". Rows committed before stay; the rows of this commit were not written.", e));
                return;
            }
            if (file != null) {
                synchronized (ready) {
                    ready.add(file);
                    if (message != null) {
                        readyMessage = message;
                    }
                }
            }
            if (committer.getQueue().isEmpty()) {
                commitReady(); // group with later batches when they are already waiting
            }
        } finally {
            drop(stagingTable);
        }
    }

    private void drop(String stagingTable) {
        try (Statement s = committerConnection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + stagingTable);
        } catch (SQLException e) {
            // an in-memory table; it goes with the database
        }
    }

    private void commitReady() {
        List<DataFile> files;
        String message;
        synchronized (ready) {
            files = new ArrayList<>(ready);
            ready.clear();
            message = readyMessage;
            readyMessage = null;
        }
        if (files.isEmpty()) {
            return;
        }
        if (failure.get() != null) {
            deleteAll(files);
            return;
        }
        try {
            AppendFiles append = InlineCommits.inline(table.iceberg().newAppend());
            if (message != null) {
                append.set(MESSAGE, message);
            }
            long rows = 0;
            for (DataFile f : files) {
                append.appendFile(f);
                rows += f.recordCount();
            }
            append.commit();
            committedRows.addAndGet(rows);
        } catch (CommitStateUnknownException e) {
            // The snapshot may be in the table, naming these files: deleting them could corrupt it.
            failure.compareAndSet(null, new TableException("The outcome of a commit to table '" + table.name() + "' is unknown ("
                    + e.getMessage() + "): its " + files.size() + " data file(s) with " + rows(files) + " row(s) were kept. Check the "
                    + "table's history() or row count to see whether the rows arrived before writing them again; if they did not, "
                    + "orphan cleanup removes the files a day later.", e));
        } catch (RuntimeException e) {
            // As Iceberg does with its own files: only a failure that certainly left the table unchanged allows cleanup.
            boolean cleanable = e instanceof CleanableFailure;
            if (cleanable) {
                deleteAll(files);
            }
            failure.compareAndSet(null, new TableException("Commit to table '" + table.name() + "' failed: " + e.getMessage()
                    + ". Rows committed before stay; the rows of this commit were not written"
                    + (cleanable ? "." : " (their files are left for orphan cleanup)."), e));
        }
    }

    private static long rows(List<DataFile> files) {
        return files.stream().mapToLong(DataFile::recordCount).sum();
    }

    private static void deleteAll(List<DataFile> files) {
        for (DataFile f : files) {
            try {
                Files.deleteIfExists(Path.of(f.location()));
            } catch (IOException e) {
                // an orphan file; OrphanFiles removes it a day later
            }
        }
    }

    private void rethrowFailure() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    private void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TableException("Interrupted while committing to table '" + table.name() + "'", e);
        } catch (ExecutionException e) {
            throw new TableException("Commit to table '" + table.name() + "' failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public long sync() {
        while (!inFlight.isEmpty()) {
            await(inFlight.pollFirst());
        }
        rethrowFailure();
        return committedRows.get();
    }

    @Override
    public void abort() {
        if (pendingRows() > 0) {
            rollbackTo(commitSeq);
        }
    }

    /**
     * Drops the uncommitted rows and closes; when the store created the table for this writer and
     * no commit of it succeeded, drops the table too (unless another writer committed to it). When
     * {@link #close()} throws (a commit failed, or its outcome is unknown) the table is kept: an
     * unknown outcome may have committed rows.
     */
    @Override
    public void discard() {
        if (closed) {
            return;
        }
        try {
            abort();
        } finally {
            close();
            if (dropCreated != null && committedRows.get() == 0) {
                dropCreated.run();
            }
        }
    }

    /**
     * Waits for the commits in flight, drops rows not committed and releases the writer's DuckDB
     * connections.
     *
     * @throws TableException when a commit of this writer failed or its outcome is unknown (the
     *                        resources are released first): its message says which, and what to check
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException commitFailure = null;
        try {
            try {
                sync();
            } catch (RuntimeException e) {
                commitFailure = e; // thrown after the resources are released
            }
            committer.shutdown();
            appender.close();
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + staging);
            }
        } catch (SQLException e) {
            throw failed("close the writer of", e);
        } finally {
            closeQuietly(connection);
            closeQuietly(committerConnection);
        }
        if (commitFailure != null) {
            // A new exception: the caller may be closing in a try-with-resources that already threw the failure.
            throw new TableException("Closed the writer of table '" + table.name() + "' after a failed commit: "
                    + commitFailure.getMessage(), commitFailure);
        }
    }

    private static void closeQuietly(DuckDBConnection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing more to release
        }
    }

    private TableException failed(String what, SQLException e) {
        return new TableException("Cannot " + what + " table '" + table.name() + "': " + e.getMessage(), e);
    }
}
