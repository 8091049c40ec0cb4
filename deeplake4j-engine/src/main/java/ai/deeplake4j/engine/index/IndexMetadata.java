package ai.deeplake4j.engine.index;

import ai.deeplake4j.api.error.TableException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an index records about itself, in its Lucene commit's user data: the column, the index
 * type, the vector dimension (0 for text) and the table snapshot whose rows it holds.
 *
 * @param column     the indexed column
 * @param type       the index type
 * @param dimension  vector dimension for vector indexes, 0 for text
 * @param snapshotId the Iceberg snapshot id the index is up to date with, -1 when it covers no snapshot yet
 */
public record IndexMetadata(String column, IndexType type, int dimension, long snapshotId) {

    static final String FORMAT_VERSION = "1";

    /** The same metadata for another snapshot. */
    public IndexMetadata withSnapshot(long snapshot) {
        return new IndexMetadata(column, type, dimension, snapshot);
    }

    /** As Lucene commit user data. */
    public Map<String, String> toCommitData() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("deeplake.format", FORMAT_VERSION);
        m.put("deeplake.column", column);
        m.put("deeplake.type", type.sqlName());
        m.put("deeplake.dimension", Integer.toString(dimension));
        m.put("deeplake.snapshot", Long.toString(snapshotId));
        return m;
    }

    /**
     * Reads metadata written by {@link #toCommitData()}.
     *
     * @throws TableException when the data is not a deeplake4j index's (names the directory)
     */
    public static IndexMetadata fromCommitData(Map<String, String> data, String where) {
        if (!FORMAT_VERSION.equals(data.get("deeplake.format"))) {
            throw new TableException("Not a deeplake4j index (or an unknown version): " + where
                    + ". Drop the index and create it again.");
        }
        return new IndexMetadata(data.get("deeplake.column"), IndexType.parse(data.get("deeplake.type")),
                Integer.parseInt(data.get("deeplake.dimension")), Long.parseLong(data.get("deeplake.snapshot")));
    }
}
