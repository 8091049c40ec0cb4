package ai.deeplake4j.formats.common;

import ai.deeplake4j.api.error.IngestException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a Parquet file's columns and key-value metadata through DuckDB. */
public final class ParquetSchemas {
    private ParquetSchemas() {
    }

    /** The columns in file order. @throws IngestException naming the file when it is not Parquet */
    public static List<ParquetColumn> columns(Connection db, Path file) {
        List<ParquetColumn> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + DuckDb.literal(file) + ")")) {
            while (rs.next()) {
                out.add(new ParquetColumn(rs.getString(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IngestException("Cannot read Parquet file " + file + ": " + firstLine(e), e);
        }
        return out;
    }

    /** The value of key-value metadata {@code key}, or null. @throws IngestException naming the file */
    public static String keyValue(Connection db, Path file, String key) {
        String sql = "SELECT decode(value) FROM parquet_kv_metadata(" + DuckDb.literal(file) + ") WHERE decode(key) = "
                + DuckDb.literal(key);
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IngestException("Cannot read the metadata of Parquet file " + file + ": " + firstLine(e), e);
        }
    }

    /** The first line of a DuckDB error, which carries the reason. */
    public static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
