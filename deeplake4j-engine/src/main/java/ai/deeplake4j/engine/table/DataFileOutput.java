package ai.deeplake4j.engine.table;

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
 * describes it for Iceberg.
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
     * embeddings: snappy saved 2% on them); plain text is the exception and takes about twice the
     * space of snappy (measured in BENCHMARKS.md, search section).
     */
    public static final String CODEC = "uncompressed";

    private DataFileOutput() {
    }

    /**
     * @param select a query producing {@code _id} and the user columns in table order
     * @return the data file, or null when the query produced no rows (no file is left behind)
     */
    public static DataFile write(Connection connection, LakeTable table, String select) throws SQLException {
        Path path = Path.of(table.dataLocation(), UUID.randomUUID() + ".parquet");
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + path.getParent(), e);
        }
        long rows;
        try (Statement s = connection.createStatement()) {
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
                    .withRecordCount(rows)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish data file " + path, e);
        }
    }
}
