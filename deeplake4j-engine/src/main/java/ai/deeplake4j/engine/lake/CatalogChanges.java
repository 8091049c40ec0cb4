package ai.deeplake4j.engine.lake;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells cheaply whether anything was committed to a lake's SQLite catalog since the last look, by
 * this process or any other. Every Iceberg commit, table creation and drop is a write to the
 * catalog, so "no catalog write since the view of a table was refreshed" means the view is
 * current, and a statement can skip re-reading the table's catalog entry (about 0.1 ms and a
 * pooled SQLite connection per table per statement otherwise).
 *
 * <p>The signal is SQLite's {@code PRAGMA data_version} on a connection kept for this purpose and
 * never used to write: its value differs between two reads on the same connection exactly when
 * another connection (of this process or another) committed a change in between
 * (<a href="https://www.sqlite.org/pragma.html#pragma_data_version">SQLite docs</a>). One read
 * costs about 7 µs. The file's modification time would be cheaper but is not safe: two commits
 * within one tick of the kernel's coarse clock leave the same time.
 *
 * <p>Thread-safe: reads are serialized on the one connection.
 */
final class CatalogChanges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogChanges.class);

    private final String url;
    private final Properties properties;
    private Connection connection;
    private PreparedStatement dataVersion;
    private long lastDataVersion = Long.MIN_VALUE;
    private long version;
    private boolean closed;

    /**
     * @param catalogFile   the SQLite catalog database ({@code <lake>/catalog.db}); it must exist
     * @param busyTimeoutMs how long a read waits while a writer holds the database's lock
     */
    CatalogChanges(Path catalogFile, int busyTimeoutMs) {
        this.url = "jdbc:sqlite:" + catalogFile;
        this.properties = new Properties();
        properties.setProperty("busy_timeout", Integer.toString(busyTimeoutMs));
    }

    /**
     * A number that grows by one whenever a commit to the catalog completed since the previous
     * call. Two calls that return the same value had no commit complete between them; a call that
     * starts after a commit completed returns more than any call that finished before the commit
     * began. When the catalog cannot be read the number grows anyway, so that callers re-read
     * rather than trust a stale view.
     */
    synchronized long version() {
        if (closed) {
            return ++version;
        }
        try {
            if (dataVersion == null) {
                connection = DriverManager.getConnection(url, properties);
                dataVersion = connection.prepareStatement("PRAGMA data_version");
            }
            // the result set is closed at once: an open one would hold SQLite's shared lock and block writers
            long current;
            try (ResultSet rs = dataVersion.executeQuery()) {
                rs.next();
                current = rs.getLong(1);
            }
            if (current != lastDataVersion) {
                lastDataVersion = current;
                version++;
            }
            return version;
        } catch (SQLException e) {
            LOG.warn("Cannot read the catalog's change counter ({}); re-reading tables from the catalog instead", e.getMessage());
            closeConnection();
            lastDataVersion = Long.MIN_VALUE;
            return ++version;
        }
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // closing anyway
        }
        connection = null;
        dataVersion = null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeConnection();
    }
}
