package ai.deeplake4j.engine.table;

import ai.deeplake4j.api.error.QueryException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where each row of a table lives: {@code _id} to (data file, row position in the file), so a
 * handful of rows known by id (search hits) can be read by position, skipping every other row
 * group, instead of joining on {@code _id} over the whole table (ARCHITECTURE D4).
 *
 * <p>Data files never change, so each file's map is built once, by reading its {@code _id}
 * column, and kept while the file is part of the snapshots asked about; {@link #locate} forgets
 * files no longer listed. About 48 bytes of heap per row, so tables above {@link #maxRows()} rows
 * are not mapped (their hits are found by a join on {@code _id} instead). Thread-safe.
 */
public final class RowLocator {

    /** The system property overriding {@link #DEFAULT_MAX_ROWS}, read when a locator is made. */
    public static final String MAX_ROWS_PROPERTY = "deeplake4j.rowLocator.maxRows";
    /** The most rows a table may have for its rows to be mapped by default (about 400 MB of heap). */
    public static final long DEFAULT_MAX_ROWS = 8_000_000L;

    private final long maxRows = Long.getLong(MAX_ROWS_PROPERTY, DEFAULT_MAX_ROWS);

    /** A row's place: its data file and 0-based row number in it. */
    public record Place(String file, long position) {
    }

    private final Supplier<Connection> connections;
    private final Map<String, UuidIntMap> byFile = new ConcurrentHashMap<>();

    /** @param connections new DuckDB connections (closed after each file is read) */
    public RowLocator(Supplier<Connection> connections) {
        this.connections = connections;
    }

    /**
     * The places of {@code ids} among the rows of {@code files} (one snapshot's data files).
     * Files not in the list are forgotten.
     *
     * @param ids row ids in their text form
     * @return one place per id, in order; null when some id is in none of the files
     * @throws QueryException when a data file cannot be read
     */
    public List<Place> locate(List<String> files, List<String> ids) {
        retain(files);
        List<UuidIntMap> maps = new ArrayList<>(files.size());
        for (String f : files) {
            maps.add(byFile.computeIfAbsent(f, this::read));
        }
        List<Place> out = new ArrayList<>(ids.size());
        long[] bits = new long[2];
        for (String id : ids) {
            if (!UuidIntMap.parse(id, bits)) {
                return null;
            }
            Place found = null;
            for (int i = 0; i < maps.size() && found == null; i++) {
                int pos = maps.get(i).get(bits[0], bits[1]);
                if (pos >= 0) {
                    found = new Place(files.get(i), pos);
                }
            }
            if (found == null) {
                return null;
            }
            out.add(found);
        }
        return out;
    }

    /** The most rows a table may have for this locator to map it. */
    public long maxRows() {
        return maxRows;
    }

    private void retain(Collection<String> files) {
        if (byFile.size() > files.size() || !files.containsAll(byFile.keySet())) {
            Set<String> keep = new HashSet<>(files);
            byFile.keySet().removeIf(f -> !keep.contains(f));
        }
    }

    private UuidIntMap read(String file) {
        String sql = "SELECT _id, file_row_number FROM read_parquet(" + Sql.literal(file) + ", file_row_number=true)";
        try (Connection c = connections.get(); Statement s = c.createStatement()) {
            long rows;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet(" + Sql.literal(file) + ")")) {
                rs.next();
                rows = rs.getLong(1);
            }
            if (rows > Integer.MAX_VALUE / 2) {
                throw new QueryException("Data file " + file + " has " + rows + " rows, too many to locate rows in.");
            }
            UuidIntMap map = new UuidIntMap((int) Math.max(1, rows));
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    UUID id = (UUID) rs.getObject(1);
                    map.put(id.getMostSignificantBits(), id.getLeastSignificantBits(), Math.toIntExact(rs.getLong(2)));
                }
            }
            return map;
        } catch (SQLException e) {
            throw new QueryException("Cannot read the row ids of data file " + file + ": " + e.getMessage(), e);
        }
    }
}
