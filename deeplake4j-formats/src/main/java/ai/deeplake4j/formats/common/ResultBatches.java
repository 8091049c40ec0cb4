package ai.deeplake4j.formats.common;

import ai.deeplake4j.api.error.IngestException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a DuckDB result set in column batches. Each output column is read from one result column
 * by a {@link Reader}; the statement is closed when the rows run out or on {@link #close()}.
 */
public final class ResultBatches implements AutoCloseable {
    /** Reads one value of the current row. */
    @FunctionalInterface
    public interface Reader {
        Object read(ResultSet rs) throws SQLException;
    }

    private final Statement statement;
    private final ResultSet rs;
    private final Map<String, Reader> readers;
    private final String source;
    private boolean done;

    /**
     * @param source what is read, for messages (a file)
     * @throws IngestException naming the source when the query fails
     */
    public ResultBatches(java.sql.Connection db, String sql, Map<String, Reader> readers, String source) {
        this.readers = readers;
        this.source = source;
        try {
            this.statement = db.createStatement();
            this.rs = statement.executeQuery(sql);
        } catch (SQLException e) {
            throw new IngestException("Cannot read " + source + ": " + ParquetSchemas.firstLine(e), e);
        }
    }

    /** Up to {@code rows} rows, or null when there are no more. @throws IngestException naming the source */
    public Map<String, List<?>> next(int rows) {
        if (done) {
            return null;
        }
        Map<String, List<Object>> out = new LinkedHashMap<>();
        readers.keySet().forEach(c -> out.put(c, new ArrayList<>(rows)));
        int n = 0;
        try {
            while (n < rows && rs.next()) {
                for (Map.Entry<String, Reader> r : readers.entrySet()) {
                    out.get(r.getKey()).add(r.getValue().read(rs));
                }
                n++;
            }
        } catch (SQLException e) {
            throw new IngestException("Cannot read " + source + ": " + ParquetSchemas.firstLine(e), e);
        }
        if (n < rows) {
            close();
        }
        return n == 0 ? null : new LinkedHashMap<>(out);
    }

    @Override
    public void close() {
        done = true;
        try {
            statement.close();
        } catch (SQLException ignored) {
            // closing a finished in-memory query cannot lose data
        }
    }
}
