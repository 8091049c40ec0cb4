package ai.deeplake4j.engine.table;

import ai.deeplake4j.engine.lake.LocalFileIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileIO;

/**
 * Removes a table's orphan data files: Parquet files in its data directory that no snapshot
 * references. They are left by writes that never committed: a process killed mid-ingest, a remote
 * row stream that broke, a compaction whose commit lost to a concurrent UPDATE, a failed delete.
 *
 * <p>Every retained snapshot is a version users can check out (old untagged ones are expired by
 * {@link SnapshotExpiry}, which deletes their files itself), so a file counts as referenced when
 * any snapshot's manifests list it, not only the current one. Only files older
 * than a minimum age are candidates: a writer in another process may have written a file and not
 * yet committed it, and that takes seconds, never a day. Iceberg's own orphan-file action (in its
 * Spark module) follows the same rule with a 3-day default.
 */
public final class OrphanFiles {

    /** Files younger than this are never removed by the background sweep: 24 hours. */
    public static final Duration DEFAULT_MIN_AGE = Duration.ofHours(24);

    /** What a sweep removed. */
    public record Removed(int files, long bytes) {
    }

    private OrphanFiles() {
    }

    /**
     * Deletes the data files of {@code table} that no snapshot references and that were last
     * modified before {@code now - minAge}. The table is refreshed after the files are listed.
     * When reading any manifest fails, nothing is deleted.
     *
     * @throws UncheckedIOException when the data directory or a manifest cannot be read
     */
    public static Removed remove(LakeTable table, Duration minAge, Instant now) {
        Path dataDir = local(table.dataLocation());
        if (!Files.isDirectory(dataDir)) {
            return new Removed(0, 0);
        }
        // Candidates are listed before the table is refreshed and its referenced set read: a file
        // committed in between is then in the set (or too young), never a false orphan.
        List<Path> candidates = oldFiles(dataDir, now.minus(minAge));
        if (candidates.isEmpty()) {
            return new Removed(0, 0);
        }
        Set<Path> referenced = referenced(table.refresh().iceberg());
        int files = 0;
        long bytes = 0;
        for (Path file : candidates) {
            if (referenced.contains(file)) {
                continue;
            }
            try {
                long size = Files.size(file);
                Files.delete(file);
                files++;
                bytes += size;
            } catch (NoSuchFileException gone) {
                // removed meanwhile (another process's sweep)
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete orphan data file " + file, e);
            }
        }
        return new Removed(files, bytes);
    }

    /** Regular files under {@code dir} last modified before {@code cutoff}. */
    private static List<Path> oldFiles(Path dir, Instant cutoff) {
        List<Path> old = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile() && a.lastModifiedTime().toInstant().isBefore(cutoff)) {
                    old.add(p.toAbsolutePath().normalize());
                }
            }
        } catch (NoSuchFileException gone) {
            // a file or the directory went away while listing: the next sweep sees the rest
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        return old;
    }

    /** Every data file any snapshot of the table lists. Manifests shared by snapshots are read once. */
    private static Set<Path> referenced(Table table) {
        FileIO io = table.io();
        Set<String> manifestsRead = new HashSet<>();
        Set<Path> files = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            for (ManifestFile manifest : snapshot.allManifests(io)) {
                if (!manifestsRead.add(manifest.path())) {
                    continue;
                }
                if (manifest.content() == ManifestContent.DELETES) {
                    // copy-on-write tables have none; refuse rather than miss what they reference
                    throw new IllegalStateException("Table " + table.name() + " has delete manifests; orphan cleanup does not handle them");
                }
                try (ManifestReader<DataFile> reader = ManifestFiles.read(manifest, io, table.specs())) {
                    for (DataFile f : reader) {
                        files.add(local(f.location()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read manifest " + manifest.path(), e);
                }
            }
        }
        return files;
    }

    private static Path local(String location) {
        return LocalFileIO.local(location).toPath().toAbsolutePath().normalize();
    }
}
