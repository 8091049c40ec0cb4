package ai.deeplake4j.engine.table;

import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.ingest.pipeline.Values;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The engine's {@link TableWriter}: rows go through DuckDB's appender into a staging table on the
 * writer's own connection; {@link #commit()} copies the staged rows into one Parquet data file and
 * hands it to a background committer, which appends every ready file to the Iceberg table in one
 * snapshot. Writing the next batch thus overlaps the 60-130 ms of a catalog commit (ARCHITECTURE
 * D5), and a crash loses only rows whose file was not yet in a snapshot.
 */
public final class LakeTableWriter implements TableWriter {
    private static final AtomicInteger STAGING_IDS = new AtomicInteger();

    private final LakeTable table;
    private final TableSchema schema;
    private final DuckDBConnection connection;
    private final String staging;
    private final TypeKind.Storage[] storage;
    private final boolean[] fixedVector;
    private final ExecutorService committer;
    private final List<DataFile> ready = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicLong committedRows = new AtomicLong();
    private DuckDBAppender appender;
    private long seq;
    private long commitSeq;
    private long pendingBytes;
    private long markBytes;
    private Future<?> lastCommit;
    private boolean closed;

    public LakeTableWriter(LakeTable table, DuckDBConnection connection) {
        this.table = table;
        this.schema = table.schema();
        this.connection = connection;
        this.staging = "dl_staging_" + STAGING_IDS.incrementAndGet();
        this.storage = new TypeKind.Storage[schema.size()];
        this.fixedVector = new boolean[schema.size()];
        StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE ").append(staging).append(" (_seq BIGINT");
        for (int i = 0; i < schema.size(); i++) {
            Column c = schema.get(i);
            storage[i] = c.type().kind().storage();
            fixedVector[i] = storage[i] == TypeKind.Storage.FLOAT_LIST && c.type().dimension() > 0;
            ddl.append(", ").append(Sql.identifier(c.name())).append(' ').append(ColumnTypes.staging(c.type()));
        }
        ddl.append(')');
        try (Statement s = connection.createStatement()) {
            s.execute(ddl.toString());
            appender = connection.createAppender("temp", "main", staging);
        } catch (SQLException e) {
            throw failed("open a writer on", e);
        }
        this.committer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "deeplake4j-commit-" + table.name());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public TableSchema columns() {
        return schema;
    }

    @Override
    public void append(Object[] row) {
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
        try (Statement s = connection.createStatement()) {
            rows = s.executeLargeUpdate(sql.toString());
            s.execute("UPDATE " + staging + " SET _seq = " + seq + " WHERE _seq IS NULL");
        }
        seq += rows;
        return rows;
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
        rethrowFailure();
        if (pendingRows() == 0) {
            return;
        }
        flush();
        StringBuilder select = new StringBuilder("SELECT uuidv7() AS ").append(Sql.identifier("_id"));
        for (int i = 0; i < schema.size(); i++) {
            String col = Sql.identifier(schema.get(i).name());
            select.append(", ").append(col);
            if (fixedVector[i]) {
                select.append("::FLOAT[] AS ").append(col);
            }
        }
        select.append(" FROM ").append(staging).append(" ORDER BY _seq");
        DataFile file;
        try {
            file = DataFileOutput.write(connection, table, select.toString());
            try (Statement s = connection.createStatement()) {
                s.execute("DELETE FROM " + staging);
            }
        } catch (SQLException e) {
            throw failed("write a data file of", e);
        }
        commitSeq = seq;
        pendingBytes = 0;
        markBytes = 0;
        synchronized (ready) {
            ready.add(file);
        }
        lastCommit = committer.submit(this::commitReady);
    }

    /** Runs on the committer thread: one snapshot for every file ready so far. */
    private void commitReady() {
        List<DataFile> files;
        synchronized (ready) {
            files = new ArrayList<>(ready);
            ready.clear();
        }
        if (files.isEmpty() || failure.get() != null) {
            deleteAll(files);
            return;
        }
        try {
            AppendFiles append = table.iceberg().newAppend();
            long rows = 0;
            for (DataFile f : files) {
                append.appendFile(f);
                rows += f.recordCount();
            }
            append.commit();
            committedRows.addAndGet(rows);
        } catch (RuntimeException e) {
            deleteAll(files);
            failure.compareAndSet(null, new TableException("Commit to table '" + table.name() + "' failed: " + e.getMessage()
                    + ". Rows committed before stay; the rows of this commit were not written.", e));
        }
    }

    private static void deleteAll(List<DataFile> files) {
        for (DataFile f : files) {
            try {
                Files.deleteIfExists(Path.of(f.location()));
            } catch (IOException e) {
                // an orphan file; maintenance removes it
            }
        }
    }

    private void rethrowFailure() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    @Override
    public long sync() {
        Future<?> f = lastCommit;
        if (f != null) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TableException("Interrupted while committing to table '" + table.name() + "'", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new TableException("Commit to table '" + table.name() + "' failed: " + e.getCause(), e.getCause());
            }
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

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            try {
                sync();
            } catch (RuntimeException e) {
                // reported by the commit/sync that failed; close still releases resources
            }
            committer.shutdown();
            appender.close();
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + staging);
            }
        } catch (SQLException e) {
            throw failed("close the writer of", e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing more to release
            }
        }
    }

    private TableException failed(String what, SQLException e) {
        return new TableException("Cannot " + what + " table '" + table.name() + "': " + e.getMessage(), e);
    }
}
