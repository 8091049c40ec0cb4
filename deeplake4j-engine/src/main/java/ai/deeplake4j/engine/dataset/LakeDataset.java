package ai.deeplake4j.engine.dataset;

import ai.deeplake4j.api.dataset.BatchOptions;
import ai.deeplake4j.api.dataset.Batches;
import ai.deeplake4j.api.dataset.Dataset;
import ai.deeplake4j.api.dataset.Version;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.Column;
import ai.deeplake4j.engine.sql.QueryEngine;
import ai.deeplake4j.engine.sql.SqlErrors;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.engine.table.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.duckdb.DuckDBConnection;

/**
 * The embedded {@link Dataset}: one table at one Iceberg snapshot, cut into {@link Block}s of its
 * data files. Reads go through DuckDB ({@code read_parquet} with {@code file_row_number} ranges, so
 * a block read touches only its rows' pages) and Arrow into primitive arrays. Views made by
 * {@link #select}, {@link #query} and {@link #shard} share the version and the pending appends.
 */
public final class LakeDataset implements Dataset {
    private final QueryEngine engine;
    private final LakeTable table;
    private final List<Column> projection;
    private final String filter;
    private final int rank;
    private final int worldSize;
    private final Writes writes;
    private volatile State state;

    /** What depends on the version read: its files and this view's blocks of them. */
    private record State(long snapshot, List<String> files, List<Block> blocks, long[] offsets) {
        static State of(long snapshot, List<String> files, List<Block> blocks) {
            long[] offsets = new long[blocks.size() + 1];
            for (int i = 0; i < blocks.size(); i++) {
                offsets[i + 1] = offsets[i] + blocks.get(i).rows();
            }
            return new State(snapshot, files, List.copyOf(blocks), offsets);
        }
    }

    private LakeDataset(QueryEngine engine, LakeTable table, List<Column> projection, String filter, int rank, int worldSize,
                        Writes writes, long snapshot) {
        this.engine = engine;
        this.table = table;
        this.projection = List.copyOf(projection);
        this.filter = filter;
        this.rank = rank;
        this.worldSize = worldSize;
        this.writes = writes;
        this.state = stateAt(snapshot);
    }

    /** Blocks of the version: all rows, then the filter, then this rank's share. */
    private State stateAt(long snapshot) {
        List<String> files = table.dataFiles(snapshot);
        List<Block> blocks = allBlocks(table, snapshot);
        if (filter != null) {
            blocks = filteredBlocks(files, blocks, filter);
        }
        // contiguous ranges of blocks, so each rank reads sequentially
        int from = (int) ((long) blocks.size() * rank / worldSize);
        int to = (int) ((long) blocks.size() * (rank + 1) / worldSize);
        return State.of(snapshot, files, blocks.subList(from, to));
    }

    /**
     * Opens {@code table} at {@code snapshot} (-1: no commit yet).
     *
     * @throws TableException when the snapshot does not exist
     */
    public static LakeDataset open(QueryEngine engine, LakeTable table, long snapshot) {
        if (snapshot != -1 && table.iceberg().snapshot(snapshot) == null) {
            throw new TableException("Table '" + table.name() + "' has no version " + snapshot + ". See history() for its versions.");
        }
        return new LakeDataset(engine, table, table.schema().columns(), null, 0, 1, new Writes(engine, table), snapshot);
    }

    private static List<Block> allBlocks(LakeTable table, long snapshot) {
        List<Block> out = new ArrayList<>();
        List<DataFile> entries = table.dataFileEntries(snapshot);
        for (int f = 0; f < entries.size(); f++) {
            long rows = entries.get(f).recordCount();
            for (long start = 0; start < rows; start += Block.ROWS) {
                long end = Math.min(rows, start + Block.ROWS);
                out.add(new Block(f, start, end, (int) (end - start)));
            }
        }
        return out;
    }

    @Override
    public long size() {
        State st = state;
        return st.offsets()[st.blocks().size()];
    }

    @Override
    public List<String> columns() {
        return projection.stream().map(Column::name).toList();
    }

    @Override
    public long version() {
        return state.snapshot();
    }

    /**
     * SQL reading blocks of one file, projected and filtered, in storage order. Adjacent blocks
     * become one row-number range; the ranges are OR-ed, and DuckDB skips the row groups outside them.
     */
    private String runSql(List<String> files, List<Block> run, String extraOrder) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < projection.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Sql.identifier(projection.get(i).name()));
        }
        sql.append(" FROM read_parquet(").append(Sql.literal(files.get(run.getFirst().file()))).append(", file_row_number=true) WHERE (");
        List<Block> sorted = new ArrayList<>(run);
        sorted.sort(java.util.Comparator.comparingLong(Block::start));
        int i = 0;
        boolean first = true;
        while (i < sorted.size()) {
            long start = sorted.get(i).start();
            long end = sorted.get(i).end();
            while (i + 1 < sorted.size() && sorted.get(i + 1).start() == end) {
                end = sorted.get(++i).end();
            }
            i++;
            sql.append(first ? "" : " OR ").append("(file_row_number >= ").append(start).append(" AND file_row_number < ").append(end).append(')');
            first = false;
        }
        sql.append(')');
        if (filter != null) {
            sql.append(" AND (").append(filter).append(')');
        }
        return sql.append(extraOrder).toString();
    }

    @Override
    public Map<String, Object> get(long index) {
        State st = state;
        long[] offsets = st.offsets();
        if (index < 0 || index >= offsets[st.blocks().size()]) {
            throw new IndexOutOfBoundsException("Row " + index + " is outside [0, " + offsets[st.blocks().size()] + ") of table '" + table.name() + "'");
        }
        int b = Arrays.binarySearch(offsets, index);
        int block = b >= 0 ? b : -b - 2;
        while (offsets[block + 1] <= index) {
            block++;
        }
        long within = index - offsets[block];
        List<Map<String, Object>> rows = engine.selectGenerated(table.name(), runSql(st.files(), List.of(st.blocks().get(block)),
                " ORDER BY file_row_number LIMIT 1 OFFSET " + within));
        if (rows.isEmpty()) {
            throw new TableException("Row " + index + " of table '" + table.name() + "' could not be read: its data file changed.");
        }
        return rows.getFirst();
    }

    @Override
    public Batches batches(BatchOptions options) {
        State st = state;
        return new BatchIterator(st.blocks(), options, (allocator, run, sink) -> {
            try (DuckDBConnection c = engine.newConnection()) {
                ArrowColumns.stream(c, allocator, runSql(st.files(), run, ""), projection, sink);
            } catch (SQLException e) {
                throw SqlErrors.mapGenerated(e, engine, table.name());
            }
        });
    }

    @Override
    public Dataset select(String... columns) {
        return new LakeDataset(engine, table, resolve(Arrays.asList(columns)), filter, rank, worldSize, writes, state.snapshot());
    }

    private List<Column> resolve(List<String> names) {
        Map<String, Column> byName = new HashMap<>();
        table.schema().columns().forEach(c -> byName.put(c.name().toLowerCase(java.util.Locale.ROOT), c));
        List<Column> out = new ArrayList<>();
        for (String n : names) {
            Column c = byName.get(n.strip().toLowerCase(java.util.Locale.ROOT));
            if (c == null) {
                throw new TableException("Table '" + table.name() + "' has no column '" + n.strip() + "'. Columns: " + table.schema().names());
            }
            out.add(c);
        }
        if (out.isEmpty()) {
            throw new QueryException("Select at least one column of table '" + table.name() + "'.");
        }
        return out;
    }

    @Override
    public Dataset query(String sql) {
        DatasetQuery q = DatasetQuery.parse(sql);
        List<Column> columns = q.columns() == null ? projection : resolve(q.columns());
        String combined = filter == null ? q.where() : q.where() == null ? filter : "(" + filter + ") AND (" + q.where() + ")";
        if (worldSize > 1) {
            throw new QueryException("Filter the dataset before sharding it: query(...).shard(rank, worldSize).");
        }
        return new LakeDataset(engine, table, columns, combined, 0, 1, writes, state.snapshot());
    }

    /** The blocks of this view with the rows that pass {@code condition} counted. */
    private List<Block> filteredBlocks(List<String> files, List<Block> blocks, String condition) {
        if (files.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> fileIndex = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            fileIndex.put(files.get(i), i);
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            list.append(i == 0 ? "" : ", ").append(Sql.literal(files.get(i)));
        }
        List<Map<String, Object>> counts = engine.selectGenerated(table.name(), "SELECT __dl_file AS f, file_row_number // " + Block.ROWS
                + " AS b, count(*) AS n FROM read_parquet([" + list + "], filename='__dl_file', file_row_number=true) WHERE ("
                + condition + ") GROUP BY 1, 2");
        Map<Long, Integer> matches = new HashMap<>();
        for (Map<String, Object> r : counts) {
            long key = ((long) fileIndex.get((String) r.get("f")) << 32) | ((Number) r.get("b")).longValue();
            matches.put(key, ((Number) r.get("n")).intValue());
        }
        List<Block> out = new ArrayList<>();
        for (Block b : blocks) {
            Integer n = matches.get(((long) b.file() << 32) | (b.start() / Block.ROWS));
            if (n != null && n > 0) {
                out.add(new Block(b.file(), b.start(), b.end(), n));
            }
        }
        return out;
    }

    @Override
    public Dataset shard(int rank, int worldSize) {
        if (worldSize <= 0 || rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank must be in [0, worldSize) and worldSize > 0, got rank " + rank + " of " + worldSize);
        }
        if (this.worldSize > 1) {
            throw new IllegalArgumentException("This dataset is already a shard; shard the full dataset instead.");
        }
        return new LakeDataset(engine, table, projection, filter, rank, worldSize, writes, state.snapshot());
    }

    @Override
    public void append(Map<String, ? extends List<?>> rows) {
        writes.append(rows);
    }

    @Override
    public long uncommittedRows() {
        return writes.pending();
    }

    @Override
    public long commit(String message) {
        long version = writes.commit(message);
        state = stateAt(version);
        return version;
    }

    @Override
    public List<Version> history() {
        return Versions.history(table);
    }

    @Override
    public void tag(String name) {
        Versions.tag(table, name, state.snapshot());
    }

    @Override
    public void rollback(long version) {
        Versions.rollback(table, version);
    }

    @Override
    public void close() {
        writes.close();
    }
}
