package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.engine.dataset.Versions;
import ai.deeplake4j.engine.table.Compaction;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.ingest.write.TableWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Old snapshots expire; tagged versions and recent snapshots stay readable (issue 11, point 4). */
class SnapshotExpiryTest {
    @TempDir
    Path lake;

    private static long rowsOf(EmbeddedClient client, LakeTable t, long snapshotId) {
        return ((Number) client.engine().select("SELECT count(*) AS n FROM (" + t.scanSql(t.dataFiles(snapshotId), true, false) + ")")
                .getFirst().get("n")).longValue();
    }

    /** One snapshot per value, written by the table writer (which triggers no maintenance). */
    private static void commitEach(EmbeddedClient client, long... values) {
        try (TableWriter w = client.engine().store().openWriter("t", client.engine().table("t").schema())) {
            for (long v : values) {
                w.append(new Object[] {v});
                w.commit();
                w.sync();
            }
        }
    }

    private static List<Snapshot> snapshots(LakeTable t) {
        List<Snapshot> out = new ArrayList<>();
        t.refresh().iceberg().snapshots().forEach(out::add);
        return out;
    }

    @Test
    void expiryKeepsTaggedVersionsReadableAndDeletesFilesOnlyExpiredSnapshotsRead() throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            client.query("CREATE TABLE t (v BIGINT)");
            commitEach(client, 1, 2, 3);
            LakeTable t = client.engine().table("t");
            long tagged = t.snapshotId();
            Versions.tag(t, "v1", tagged);
            List<String> taggedFiles = t.dataFiles(tagged);
            commitEach(client, 4, 5);
            List<String> laterFiles = new ArrayList<>(t.refresh().dataFiles());
            laterFiles.removeAll(taggedFiles);
            try (DuckDBConnection c = client.engine().newConnection()) {
                assertEquals(5, Compaction.compact(t.refresh(), c)); // the current snapshot no longer reads the five small files
            }
            commitEach(client, 6);
            assertEquals(7, snapshots(t).size()); // five commits, the compaction, one more commit

            int expired = client.engine().expireSnapshots("t", Instant.now().plusSeconds(1));

            assertEquals(5, expired, "all but the tagged and the current snapshot");
            assertEquals(List.of(tagged, t.snapshotId()), snapshots(t).stream().map(Snapshot::snapshotId).sorted(
                    java.util.Comparator.comparingLong(id -> t.iceberg().snapshot(id).sequenceNumber())).toList());
            assertEquals(tagged, Versions.resolve(t, "v1"));
            assertEquals(3, rowsOf(client, t, tagged), "the tagged version still reads its files");
            for (String f : taggedFiles) {
                assertTrue(Files.exists(Path.of(f)), "kept for the tag: " + f);
            }
            assertEquals(2, laterFiles.size());
            for (String f : laterFiles) {
                assertFalse(Files.exists(Path.of(f)), "only expired snapshots read " + f);
            }
            assertEquals(6L, ((Number) client.query("SELECT count(*) AS n FROM t").getFirst().get("n")).longValue());
        }
    }

    @Test
    void recentSnapshotsStayByDefaultAndBackgroundMaintenanceExpiresOnesPastTheTablesRetention() throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            client.query("CREATE TABLE t (v BIGINT)");
            commitEach(client, 1, 2, 3, 4);
            LakeTable t = client.engine().table("t");
            assertEquals(Duration.ofDays(7), client.engine().snapshotRetention("t"));
            assertEquals(0, client.engine().expireSnapshots("t", Instant.now().minus(client.engine().snapshotRetention("t"))));
            assertEquals(4, snapshots(t).size());

            client.engine().setSnapshotRetention("t", Duration.ofMillis(1));
            Thread.sleep(20);
            client.query("INSERT INTO t (v) VALUES (5)"); // a write schedules maintenance
            client.engine().awaitMaintenance();

            assertEquals(Duration.ofMillis(1), client.engine().snapshotRetention("t"));
            List<Snapshot> left = snapshots(t);
            assertTrue(left.size() <= 2, "only snapshots younger than 1 ms (the INSERT's, maybe) stay: " + left.size());
            assertEquals(5L, ((Number) client.query("SELECT count(*) AS n FROM t").getFirst().get("n")).longValue());
        }
    }
}
