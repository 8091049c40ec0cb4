package ai.deeplake4j.engine.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.RewriteFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges a table's small data files (ARCHITECTURE D3): frequent commits leave one file per commit,
 * and every file costs a metadata read per query. Files under {@link #TARGET_ROWS} rows are
 * grouped into bins of up to that many rows, each rewritten into one file (same {@code _id}s,
 * same order) and swapped in one Iceberg rewrite, which fails harmlessly when a concurrent
 * UPDATE or DELETE removed one of the files.
 */
public final class Compaction {
    /** Rows per compacted file. */
    public static final long TARGET_ROWS = 1_000_000;
    /** Small files that make a table worth compacting. */
    public static final int SMALL_FILES_THRESHOLD = 32;

    private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);

    private Compaction() {
    }

    /** True when the current snapshot has at least {@link #SMALL_FILES_THRESHOLD} small files. */
    public static boolean needed(LakeTable table) {
        return small(table.dataFileEntries(table.snapshotId())).size() >= SMALL_FILES_THRESHOLD;
    }

    /**
     * Compacts the small files of the current snapshot.
     *
     * @return files removed (0 when nothing was done or a concurrent change won)
     */
    public static int compact(LakeTable table, Connection connection) throws SQLException {
        long snapshot = table.snapshotId();
        List<DataFile> small = small(table.dataFileEntries(snapshot));
        if (small.size() < 2) {
            return 0;
        }
        int removed = 0;
        for (List<DataFile> bin : bins(small)) {
            if (bin.size() < 2) {
                continue;
            }
            DataFile merged = DataFileOutput.write(connection, table,
                    table.scanSql(bin.stream().map(DataFile::location).toList(), true, false));
            try {
                RewriteFiles rewrite = InlineCommits.inline(table.iceberg().newRewrite()).validateFromSnapshot(snapshot);
                rewrite.set(LakeTableWriter.MESSAGE, "compaction of " + bin.size() + " small data files");
                bin.forEach(rewrite::deleteFile);
                if (merged != null) {
                    rewrite.addFile(merged);
                }
                rewrite.commit();
                removed += bin.size();
            } catch (RuntimeException e) {
                LOG.info("Compaction of table {} skipped, a concurrent change won: {}", table.name(), e.getMessage());
                // only when the table certainly did not take the merged file (never on CommitStateUnknownException)
                if (merged != null && e instanceof org.apache.iceberg.exceptions.CleanableFailure) {
                    deleteQuietly(merged.location());
                }
                break;
            }
        }
        return removed;
    }

    /**
     * The small files in the order their rows were written: by commit (Iceberg data sequence number),
     * then by name, which is time-ordered within a commit ({@link DataFileOutput}). Merging in this
     * order keeps each row group of the merged file to a narrow range of {@code _id} and of columns
     * that grow with time, so Parquet statistics still prune point lookups.
     */
    private static List<DataFile> small(List<DataFile> files) {
        return files.stream().filter(f -> f.recordCount() < TARGET_ROWS / 2)
                .sorted(java.util.Comparator.comparing(DataFile::dataSequenceNumber, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                        .thenComparing(DataFile::location))
                .toList();
    }

    private static List<List<DataFile>> bins(List<DataFile> files) {
        List<List<DataFile>> bins = new ArrayList<>();
        List<DataFile> current = new ArrayList<>();
        long rows = 0;
        for (DataFile f : files) {
            if (!current.isEmpty() && rows + f.recordCount() > TARGET_ROWS) {
                bins.add(current);
                current = new ArrayList<>();
                rows = 0;
            }
            current.add(f);
            rows += f.recordCount();
        }
        if (!current.isEmpty()) {
            bins.add(current);
        }
        return bins;
    }

    private static void deleteQuietly(String path) {
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            // an orphan file; OrphanFiles removes it a day later
        }
    }
}
