package ai.deeplake4j.formats.huggingface;

import ai.deeplake4j.formats.FormatTestSupport;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Writes image-classification splits in the layout of the {@code datasets} library: columns
 * {@code image struct{bytes, path}}, {@code label} (ClassLabel cat/dog/bird) and {@code caption},
 * with the features in the Parquet key-value metadata {@code "huggingface"}.
 */
final class HubParquetFixture {
    static final List<String> NAMES = List.of("cat", "dog", "bird");
    static final String FEATURES = "{\"info\": {\"features\": {\"image\": {\"_type\": \"Image\"}, "
            + "\"label\": {\"names\": [\"cat\", \"dog\", \"bird\"], \"_type\": \"ClassLabel\"}, "
            + "\"caption\": {\"dtype\": \"string\", \"_type\": \"Value\"}}}}";

    private HubParquetFixture() {
    }

    /** Image bytes of row {@code i} (a 12x10 PNG, colour from i). */
    static byte[] image(int i) {
        return FormatTestSupport.image(12, 10, new Color(20 * i % 256, 100, 7 * i % 256), "png");
    }

    static int label(int i) {
        return i % 3;
    }

    static String caption(int i) {
        return "picture " + i;
    }

    /** Writes rows {@code from} until {@code to} (exclusive) to {@code file}. */
    static Path write(Path file, int from, int to) throws Exception {
        Files.createDirectories(file.getParent());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("CREATE TABLE t (image STRUCT(bytes BLOB, path VARCHAR), label BIGINT, caption VARCHAR)");
            try (PreparedStatement p = db.prepareStatement("INSERT INTO t SELECT {'bytes': ?::BLOB, 'path': ?}, ?, ?")) {
                for (int i = from; i < to; i++) {
                    p.setBytes(1, image(i));
                    p.setString(2, "img_" + i + ".png");
                    p.setLong(3, label(i));
                    p.setString(4, caption(i));
                    p.addBatch();
                }
                p.executeBatch();
            }
            s.execute("COPY t TO '" + file + "' (FORMAT parquet, KV_METADATA {huggingface: '" + FEATURES.replace("'", "''") + "'})");
        }
        return file;
    }
}
