package ai.deeplake4j.formats.lerobot;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.ingest.Format;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.SkippedFile;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.formats.common.DuckDb;
import ai.deeplake4j.formats.common.ParquetColumn;
import ai.deeplake4j.formats.common.ParquetSchemas;
import ai.deeplake4j.formats.common.FileBatches;
import ai.deeplake4j.formats.common.ResultBatches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The frames of a LeRobot v2 dataset: every row of {@code data/chunk-XXX/episode_YYYYYY.parquet}
 * for chunks {@code chunkStart} to {@code chunkEnd} (inclusive), files in name order, rows in file
 * order, read with DuckDB.
 *
 * <p>Columns: {@code index}, {@code episode_index}, {@code frame_index}, {@code task_index} (INT64,
 * required) and {@code timestamp} (seconds, FLOAT64, required), then every other numeric column of
 * the first file. <b>Vectors are flattened</b>: a list column such as {@code observation.state} of
 * length N becomes N scalar columns {@code observation_state_0} .. {@code observation_state_<N-1>}
 * (FLOAT32 when the Parquet elements are FLOAT, else FLOAT64), so each joint is filterable and
 * aggregable in SQL; N is the feature's {@code shape} in {@code meta/info.json}, else the longest
 * list of the first file. Other scalar columns keep their names with dots as underscores; integral
 * ones are INT64, floating ones FLOAT64. Non-numeric columns are left out.
 *
 * <p>Errors ({@link IngestException} naming the file, or the file skipped with
 * {@code skipFailedFiles}): a file missing a required column or whose columns differ from the
 * first file's ("wrong Parquet schema"), a vector of the wrong length, a file that is not Parquet.
 * No chunk directory in range is an error.
 */
public final class LeRobotFrames implements Format {
    /** Rows per batch. */
    public static final int BATCH_ROWS = 1000;
    private static final List<String> REQUIRED = List.of("index", "episode_index", "frame_index", "task_index", "timestamp");

    private final Path dir;
    private final int chunkStart;
    private final int chunkEnd;
    private IngestOptions options = IngestOptions.defaults();
    private final List<SkippedFile> skipped = new ArrayList<>();
    private Connection db;
    private List<Path> files;
    /** Output column → SQL expression over the file, and its type; fixed by the first file. */
    private Map<String, String> expressions;
    private Map<String, ColumnType> schema;
    private List<ParquetColumn> firstColumns;

    /**
     * @param dir        the dataset's root directory
     * @param chunkStart first chunk number, at least 0
     * @param chunkEnd   last chunk number, inclusive, at least {@code chunkStart}
     * @throws IllegalArgumentException on a bad chunk range
     */
    public LeRobotFrames(Path dir, int chunkStart, int chunkEnd) {
        if (chunkStart < 0 || chunkEnd < chunkStart) {
            throw new IllegalArgumentException("chunk range must satisfy 0 <= chunkStart <= chunkEnd, got " + chunkStart + ".." + chunkEnd);
        }
        this.dir = dir;
        this.chunkStart = chunkStart;
        this.chunkEnd = chunkEnd;
    }

    @Override
    public void configure(IngestOptions options) {
        this.options = options;
    }

    @Override
    public Map<String, ColumnType> schema() {
        plan();
        return schema;
    }

    @Override
    public List<SkippedFile> skipped() {
        return List.copyOf(skipped);
    }

    private void plan() {
        if (schema != null) {
            return;
        }
        files = listFiles();
        db = DuckDb.open();
        LeRobotInfo info = Files.exists(dir.resolve("meta").resolve("info.json")) ? LeRobotInfo.read(dir) : null;
        Path first = null;
        for (Path f : files) {
            List<ParquetColumn> cols = ParquetSchemas.columns(db, f);
            String missing = missing(cols);
            if (missing == null) {
                first = f;
                firstColumns = cols;
                break;
            }
            fail(f, "Parquet file " + f + " has no column '" + missing + "' (LeRobot frames need " + REQUIRED + "; it has "
                    + cols.stream().map(ParquetColumn::name).toList() + ")");
        }
        expressions = new LinkedHashMap<>();
        schema = new LinkedHashMap<>();
        if (first == null) {
            return;
        }
        Map<String, ParquetColumn> byName = new LinkedHashMap<>();
        firstColumns.forEach(c -> byName.put(c.name(), c));
        for (String r : REQUIRED) {
            expressions.put(r, DuckDb.ident(r));
            schema.put(r, ColumnType.of(r.equals("timestamp") ? TypeKind.FLOAT64 : TypeKind.INT64));
        }
        for (ParquetColumn c : firstColumns) {
            if (REQUIRED.contains(c.name())) {
                continue;
            }
            String out = LeRobotInfo.column(c.name());
            if (c.isNumberList()) {
                int n = info == null ? -1 : info.vectorLength(c.name());
                if (n < 0) {
                    n = longest(first, c.name());
                }
                TypeKind kind = c.type().startsWith("FLOAT") ? TypeKind.FLOAT32 : TypeKind.FLOAT64;
                for (int i = 0; i < n; i++) {
                    expressions.put(out + "_" + i, DuckDb.ident(c.name()) + "[" + (i + 1) + "]");
                    schema.put(out + "_" + i, ColumnType.of(kind));
                }
                expressions.put("\0len:" + c.name() + ":" + n, "len(" + DuckDb.ident(c.name()) + ")");
            } else if (c.isIntegral() || c.isFloating()) {
                expressions.put(out, DuckDb.ident(c.name()));
                schema.put(out, ColumnType.of(c.isIntegral() ? TypeKind.INT64 : TypeKind.FLOAT64));
            }
        }
    }

    private List<Path> listFiles() {
        List<Path> out = new ArrayList<>();
        boolean anyChunk = false;
        for (int chunk = chunkStart; chunk <= chunkEnd; chunk++) {
            Path chunkDir = dir.resolve("data").resolve(String.format("chunk-%03d", chunk));
            if (!Files.isDirectory(chunkDir)) {
                continue;
            }
            anyChunk = true;
            try (Stream<Path> s = Files.list(chunkDir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new IngestException("Cannot list " + chunkDir + ": " + e.getMessage(), e);
            }
        }
        if (!anyChunk) {
            throw new IngestException("No LeRobot data chunks " + chunkStart + ".." + chunkEnd + " under " + dir.resolve("data")
                    + " (expected directories chunk-XXX).");
        }
        return out;
    }

    private static String missing(List<ParquetColumn> cols) {
        for (String r : REQUIRED) {
            if (cols.stream().noneMatch(c -> c.name().equals(r))) {
                return r;
            }
        }
        return null;
    }

    private int longest(Path file, String column) {
        try (var s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(len(" + DuckDb.ident(column) + ")), 0) FROM read_parquet("
                     + DuckDb.literal(file) + ")")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IngestException("Cannot read " + file + ": " + ParquetSchemas.firstLine(e), e);
        }
    }

    private void fail(Path file, String reason) {
        if (!options.skipFailedFiles()) {
            throw new IngestException(reason + " (" + IngestOptions.skipHint("files") + ")");
        }
        skipped.add(new SkippedFile(file.toString(), reason));
    }

    @Override
    public Iterator<Map<String, List<?>>> normalize() {
        plan();
        return new FileBatches(files, this::open, LeRobotFrames::checkLengths, BATCH_ROWS);
    }

    /** The file's rows, or null when it is skipped. */
    private ResultBatches open(Path file) {
        if (schema.isEmpty()) {
            return null;
        }
        List<ParquetColumn> cols = ParquetSchemas.columns(db, file);
        if (!cols.equals(firstColumns)) {
            fail(file, "Wrong Parquet schema in " + file + ": columns " + describe(cols) + " differ from the first file's "
                    + describe(firstColumns));
            return null;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        Map<String, ResultBatches.Reader> readers = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            sql.append(i == 0 ? "" : ", ").append(e.getValue());
            int position = ++i;
            ColumnType t = e.getKey().startsWith("\0") ? ColumnType.of(TypeKind.INT64) : schema.get(e.getKey());
            readers.put(e.getKey(), switch (t.kind()) {
                case INT64 -> rs -> nullable(rs, rs.getLong(position));
                case FLOAT32 -> rs -> nullable(rs, rs.getFloat(position));
                default -> rs -> nullable(rs, rs.getDouble(position));
            });
        }
        sql.append(" FROM read_parquet(").append(DuckDb.literal(file)).append(")");
        return new ResultBatches(db, sql.toString(), readers, file.toString());
    }

    private static Object nullable(ResultSet rs, Object v) throws SQLException {
        return rs.wasNull() ? null : v;
    }

    /** Drops the vector-length probes after checking them. @throws IngestException naming file and row */
    private static Map<String, List<?>> checkLengths(Map<String, List<?>> batch, Path file) {
        Map<String, List<?>> out = new LinkedHashMap<>();
        batch.forEach((column, values) -> {
            if (!column.startsWith("\0")) {
                out.put(column, values);
                return;
            }
            String[] parts = column.split(":");
            long expected = Long.parseLong(parts[2]);
            for (int r = 0; r < values.size(); r++) {
                Object v = values.get(r);
                if (v != null && (Long) v != expected) {
                    throw new IngestException("Parquet file " + file + ": '" + parts[1] + "' has " + v + " values in row " + r
                            + ", expected " + expected);
                }
            }
        });
        return out;
    }

    private static List<String> describe(List<ParquetColumn> cols) {
        return cols.stream().map(c -> c.name() + " " + c.type()).toList();
    }

    @Override
    public void close() {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // in-memory database: nothing to lose
            }
        }
    }
}
