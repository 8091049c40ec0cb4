package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.engine.lake.TableDefaults;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.ingest.write.TableWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table metadata grows linearly with commits (issue 11, point 4). */
class MetadataGrowthTest {
    @TempDir
    Path lake;

    private static final int COMMITS = Integer.getInteger("test.commits", 400);
    private static final long MAX_BYTES_PER_COMMIT = 20 * 1024;

    private static List<Path> metadataFiles(Table t) throws Exception {
        try (Stream<Path> files = Files.list(Path.of(t.location(), "metadata"))) {
            return files.toList();
        }
    }

    private static List<Path> metadataJson(Table t) throws Exception {
        return metadataFiles(t).stream().filter(p -> p.getFileName().toString().endsWith(".metadata.json")).toList();
    }

    @Test
    void singleRowCommitsAddAtMost20KbOfMetadataEachAndOldMetadataFilesGo() throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            client.query("CREATE TABLE t (id BIGINT, name TEXT)");
            LakeTable t = client.engine().table("t");
            try (TableWriter w = client.engine().store().openWriter("t", t.schema())) {
                for (long i = 0; i < COMMITS; i++) {
                    w.append(new Object[] {i, "row " + i});
                    w.commit();
                    w.sync();
                    // as after an INSERT: background compaction races these commits, and lost races are retried
                    client.engine().compactIfNeeded("t");
                }
            }
            client.engine().awaitMaintenance();
            Table iceberg = t.refresh().iceberg();
            long bytes = 0;
            for (Path p : metadataFiles(iceberg)) {
                bytes += Files.size(p);
            }
            assertTrue(bytes / COMMITS <= MAX_BYTES_PER_COMMIT, "metadata bytes per commit: " + bytes / COMMITS + " (" + bytes + " in all)");
            int kept = Integer.parseInt(iceberg.properties().get(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX));
            assertTrue(metadataJson(iceberg).size() <= kept + 1, "old metadata.json versions are deleted: " + metadataJson(iceberg).size());
            Map<String, Object> stats = client.query("SELECT count(*) AS n, count(DISTINCT id) AS d FROM t").getFirst();
            assertEquals((long) COMMITS, ((Number) stats.get("n")).longValue());
            assertEquals((long) COMMITS, ((Number) stats.get("d")).longValue());
        }
    }

    private static DataFile fakeFile(Table t, int i) {
        return DataFiles.builder(t.spec()).withPath(t.location() + "/data/never-read-" + i + ".parquet").withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(100).withRecordCount(1).build();
    }

    @Test
    void aCommitThatLosesARaceLeavesNoMetadataFileBehind() throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            client.query("CREATE TABLE t (id BIGINT)");
            Table winner = client.engine().table("t").iceberg();
            winner.updateProperties().set(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "100").commit(); // so no file goes for age
            TableOperations loser = ((HasTableOperations) client.engine().table("t").iceberg()).operations();
            for (int i = 0; i < 5; i++) {
                TableMetadata stale = loser.current();
                winner.newFastAppend().appendFile(fakeFile(winner, i)).commit();
                TableMetadata change = TableMetadata.buildFrom(stale).setProperties(Map.of("attempt", Integer.toString(i))).build();
                // the catalog's compare-and-swap fails after the new metadata.json was written; Iceberg would retry
                assertThrows(CommitFailedException.class, () -> loser.commit(stale, change));
                loser.refresh();
            }
            winner.refresh();
            List<String> versions = new java.util.ArrayList<>();
            ((HasTableOperations) winner).operations().current().previousFiles().forEach(e -> versions.add(e.file()));
            versions.add(((HasTableOperations) winner).operations().current().metadataFileLocation());
            assertEquals(versions.stream().map(v -> Path.of(v).getFileName().toString()).sorted().toList(),
                    metadataJson(winner).stream().map(p -> p.getFileName().toString()).sorted().toList(),
                    "one metadata.json per committed version, none for the lost attempts");
        }
    }

    @Test
    void tablesMadeByAnOlderVersionGetTheDefaultsWhenLoaded() {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            client.query("CREATE TABLE t (id BIGINT)");
            // the properties deeplake4j 0.1 gave its tables
            client.engine().table("t").iceberg().updateProperties()
                    .set(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "20")
                    .remove(TableProperties.MANIFEST_MIN_MERGE_COUNT)
                    .remove(TableProperties.MAX_SNAPSHOT_AGE_MS)
                    .remove(TableDefaults.VERSION_PROPERTY)
                    .commit();

            Map<String, String> props = client.engine().table("t").iceberg().properties();

            assertEquals("3", props.get(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX));
            assertEquals("10", props.get(TableProperties.MANIFEST_MIN_MERGE_COUNT));
            assertEquals("true", props.get(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED));
            assertEquals(Long.toString(Duration.ofDays(7).toMillis()), props.get(TableProperties.MAX_SNAPSHOT_AGE_MS));
        }
    }
}
