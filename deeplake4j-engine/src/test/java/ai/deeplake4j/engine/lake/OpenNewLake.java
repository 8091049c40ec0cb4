package ai.deeplake4j.engine.lake;

import java.nio.file.Path;

/**
 * Child process of {@link ConcurrentLakeOpenTest}: loads the catalog classes, waits until the
 * wall-clock time {@code args[1]} (epoch milliseconds) so that all children open together, opens
 * the lake {@code args[0]}, lists its tables and exits 0; on failure prints the error and exits 1.
 */
public final class OpenNewLake {
    private OpenNewLake() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long startAt = Long.parseLong(args[1]);
        // load the JDBC driver and Iceberg's catalog before the start line, so the opens overlap
        Class.forName("org.sqlite.JDBC");
        Class.forName("org.apache.iceberg.jdbc.JdbcCatalog");
        while (System.currentTimeMillis() < startAt) {
            Thread.onSpinWait();
        }
        try (Lake lake = Lake.open(dir)) {
            lake.listTables(Lake.namespace("local", "default"));
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
