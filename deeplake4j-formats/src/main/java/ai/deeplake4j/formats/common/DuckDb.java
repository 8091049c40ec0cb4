package ai.deeplake4j.formats.common;

import ai.deeplake4j.api.error.IngestException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** In-memory DuckDB connections for reading Parquet (ARCHITECTURE D6), and SQL quoting. */
public final class DuckDb {
    private DuckDb() {
    }

    /** A new in-memory database. @throws IngestException when DuckDB cannot start */
    public static Connection open() {
        try {
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IngestException("Cannot start DuckDB to read Parquet: " + e.getMessage(), e);
        }
    }

    /** A SQL string literal. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A SQL string literal of a path. */
    public static String literal(Path p) {
        return literal(p.toAbsolutePath().toString());
    }

    /** A quoted identifier. */
    public static String ident(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
