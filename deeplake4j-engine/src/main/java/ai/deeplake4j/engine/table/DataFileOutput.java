package ai.deeplake4j.engine.table;

import ai.deeplake4j.engine.cancel.QueryCancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;

/**
 * Writes the rows of a query into a new Parquet data file of a table with DuckDB's {@code COPY}
 * (Parquet field ids from the table schema, {@value #CODEC} pages), forces it to disk, and
 * describes it for Iceberg with its column metrics ({@link ColumnMetrics}), so Iceberg engines can
 * skip it by value.
 */
public final class DataFileOutput {
    /**
     * Rows per Parquet row group. Small groups let DuckDB skip to the rows a point lookup or a
     * dataset block needs (it prunes by row group, then decodes the whole group); the cost is a
     * little more metadata per file. Dataset blocks have the same size.
     */
    public static final int ROW_GROUP_ROWS = 4096;

    /**
     * Parquet page compression. DuckDB writes one data page per column chunk, so reading one row of
     * a compressed chunk decompresses all 4096 values of it: about 2-4 ms for a chunk of text and
     * more for embeddings, paid per hit row when search results, {@code Dataset.get(i)} or point
     * lookups read rows back. Uncompressed, the same read is a fraction of a millisecond. Most
     * bytes of a multimodal table do not compress anyway (JPEG, PNG and video bytes, float
     * embeddings: snappy saved 2% on them); plain text is the exception and takes about 2.3 times
     * the space of snappy (measured in BENCHMARKS.md, search section).
     */
    public static final String CODEC = "uncompressed";

    private static final Object NAME_LOCK = new Object();
    private static long lastNameMillis;
    private static int nameCounter;

    private DataFileOutput() {
    }

    /**
     * A UUID version 7 (RFC 9562: 48-bit Unix milliseconds, then a 12-bit counter within the
     * millisecond, then random bits) as text. Names made in this process sort in the order they were
     * made, so sorting a table's files by location (scans, {@link Compaction}) follows the order the
     * rows were written: a compacted file then keeps row groups whose min/max statistics are narrow
     * for columns that grow with time ({@code _id}, ingest counters), which lets a point lookup skip
     * all but one row group. Random names interleaved the commits, and each 6,000-row group of a
     * compacted 100,000-row table spanned a third of the ids.
     */
    static String timeOrderedName() {
        long millis;
        int counter;
        synchronized (NAME_LOCK) {
            long now = System.currentTimeMillis();
            if (now > lastNameMillis) {
                lastNameMillis = now;
                nameCounter = 0;
            } else if (++nameCounter > 0xFFF) {
                lastNameMillis++; // more than 4,096 names in one millisecond: borrow the next one
                nameCounter = 0;
            }
            millis = lastNameMillis;
            counter = nameCounter;
        }
        long high = (millis << 16) | 0x7000L | counter;
        long low = (java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * @param select a query producing {@code _id} and the user columns in table order
     * @return the data file, or null when the query produced no rows (no file is left behind)
     */
    public static DataFile write(Connection connection, LakeTable table, String select) throws SQLException {
        Path path = Path.of(table.dataLocation(), timeOrderedName() + ".parquet");
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + path.getParent(), e);
        }
        long rows;
        try (Statement s = connection.createStatement(); QueryCancellation.Tracked tracked = QueryCancellation.track(s)) {
            rows = s.executeLargeUpdate("COPY (" + select + ") TO " + Sql.literal(path.toString())
                    + " (FORMAT parquet, COMPRESSION " + CODEC + ", ROW_GROUP_SIZE " + ROW_GROUP_ROWS
                    + ", FIELD_IDS " + table.fieldIds() + ")");
        }
        try {
            if (rows == 0) {
                Files.deleteIfExists(path);
                return null;
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            return DataFiles.builder(table.spec())
                    .withPath(path.toString())
                    .withFormat(FileFormat.PARQUET)
                    .withFileSizeInBytes(Files.size(path))
                    .withMetrics(ColumnMetrics.of(connection, path.toString(), table.fields(), rows))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish data file " + path, e);
        }
    }
}
