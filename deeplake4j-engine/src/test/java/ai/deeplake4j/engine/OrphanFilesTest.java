package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.engine.table.Compaction;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.engine.table.OrphanFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.Snapshot;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orphan data files go; files of any snapshot, and files too young to judge, stay. */
class OrphanFilesTest {
    @TempDir
    Path lake;

    private static final Instant TWO_DAYS_AGO = Instant.now().minus(Duration.ofDays(2));

    private static void ageAll(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.setLastModifiedTime(f, FileTime.from(TWO_DAYS_AGO));
            }
        }
    }

    private static long rowsOf(EmbeddedClient client, LakeTable t, long snapshotId) {
        return ((Number) client.engine().select("SELECT count(*) AS n FROM (" + t.scanSql(t.dataFiles(snapshotId), true, false) + ")")
                .getFirst().get("n")).longValue();
    }

    @Test
    void removesOnlyOldUnreferencedFilesAndKeepsEverySnapshotReadable() throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            CompactionTest.writeInCommits(client, 2_000, 50);
            LakeTable t = client.engine().table("t");
            try (DuckDBConnection c = client.engine().newConnection()) {
                assertEquals(40, Compaction.compact(t, c)); // the 40 small files leave the current snapshot only
            }
            t.refresh();
            Path data = Path.of(t.dataLocation());
            Path some = Path.of(t.dataFiles().getFirst());
            Path oldOrphan = data.resolve("00000000-0000-7000-8000-00000000dead.parquet");
            Path youngOrphan = data.resolve("00000000-0000-7000-8000-00000000beef.parquet");
            Files.copy(some, oldOrphan);
            ageAll(data);
            Files.copy(some, youngOrphan); // written just now, as by a writer in another process
            long orphanBytes = Files.size(oldOrphan);
            try (Stream<Path> files = Files.list(data)) {
                assertEquals(43, files.count(), "40 small files, the compacted one and two orphans");
            }

            OrphanFiles.Removed removed = client.engine().removeOrphanFiles("t", Duration.ofHours(24));

            assertEquals(new OrphanFiles.Removed(1, orphanBytes), removed);
            assertFalse(Files.exists(oldOrphan));
            assertTrue(Files.exists(youngOrphan), "too young to tell from an uncommitted write");
            List<Snapshot> snapshots = new java.util.ArrayList<>();
            t.refresh().iceberg().snapshots().forEach(snapshots::add);
            Snapshot beforeCompaction = snapshots.get(snapshots.size() - 2); // the writer's commits may group into fewer snapshots
            for (Snapshot s : snapshots) {
                for (String f : t.dataFiles(s.snapshotId())) {
                    assertTrue(Files.exists(Path.of(f)), "snapshot " + s.snapshotId() + " keeps " + f);
                }
            }
            assertEquals(2_000, rowsOf(client, t, t.snapshotId()));
            assertEquals(40, t.dataFiles(beforeCompaction.snapshotId()).size());
            assertEquals(2_000, rowsOf(client, t, beforeCompaction.snapshotId()), "the version before compaction reads from the 40 small files");
            assertEquals(new OrphanFiles.Removed(0, 0), client.engine().removeOrphanFiles("t", Duration.ofHours(24)));
        }
    }

    @Test
    void theFirstWriteAfterARestartSweepsADayOldOrphan() throws Exception {
        Path orphan;
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            client.ingest("t", Map.of("v", List.of(1L, 2L)));
            client.engine().awaitMaintenance(); // this engine's sweep after the write is done
            LakeTable t = client.engine().table("t");
            orphan = Path.of(t.dataLocation()).resolve("00000000-0000-7000-8000-00000000dead.parquet");
            Files.copy(Path.of(t.dataFiles().getFirst()), orphan); // as an ingest killed before its commit leaves it
            Files.setLastModifiedTime(orphan, FileTime.from(TWO_DAYS_AGO));
        }
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            assertTrue(Files.exists(orphan));
            client.ingest("t", Map.of("v", List.of(3L)));
            client.engine().awaitMaintenance();
            assertFalse(Files.exists(orphan));
            assertEquals(3L, ((Number) client.query("SELECT count(*) AS n FROM t").getFirst().get("n")).longValue());
        }
    }
}
