package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.engine.table.Compaction;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {
    @TempDir
    Path lake;

    private static List<Object> ids(EmbeddedClient client, LakeTable t) {
        return client.engine().select("SELECT CAST(_id AS VARCHAR) AS id, v FROM (" + t.scanSql(t.dataFiles(), true, false)
                + ") ORDER BY v").stream().map(r -> r.get("id") + "=" + r.get("v")).map(Object.class::cast).toList();
    }

    /** Writes v = 0 .. rows - 1 into table t, one commit (and so one data file) per {@code perCommit} rows. Also used by {@link OrphanFilesTest}. */
    static void writeInCommits(EmbeddedClient client, long rows, long perCommit) {
        try (TableWriter w = client.engine().store().openWriter("t", TableSchema.of(Map.of("v", ColumnType.of(TypeKind.INT64))))) {
            for (long i = 0; i < rows; i++) {
                w.append(new Object[] {i});
                if (i % perCommit == perCommit - 1) {
                    w.commit();
                }
            }
            w.sync();
        }
    }

    @Test
    void compactionMergesSmallFilesKeepingRowsAndIds() throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            writeInCommits(client, 2_000, 50);
            LakeTable t = client.engine().table("t");
            assertEquals(40, t.dataFiles().size());
            List<Object> before = ids(client, t);
            int removed;
            try (DuckDBConnection c = client.engine().newConnection()) {
                removed = Compaction.compact(t, c);
            }
            assertEquals(40, removed);
            t.refresh();
            assertEquals(1, t.dataFiles().size());
            assertEquals(before, ids(client, t), "same rows with the same _id");
            assertEquals(2_000, client.describeTable("t").rowCount());
        }
    }

    @Test
    void compactedFileKeepsRowsInCommitOrderSoRowGroupStatisticsPruneLookups() throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            writeInCommits(client, 20_000, 500);
            LakeTable t = client.engine().table("t");
            try (DuckDBConnection c = client.engine().newConnection()) {
                assertEquals(40, Compaction.compact(t, c));
            }
            t.refresh();
            String file = t.dataFiles().getFirst();
            assertEquals(1, t.dataFiles().size());
            List<Object> values = client.engine().select("SELECT v FROM read_parquet('" + file + "')").stream().map(r -> r.get("v")).toList();
            assertEquals(20_000, values.size());
            for (int i = 0; i < values.size(); i++) {
                assertEquals((long) i, values.get(i), "rows in the order they were committed; first difference at row " + i);
            }
            List<Map<String, Object>> groups = client.engine().select("SELECT row_group_num_rows AS n, CAST(stats_min AS BIGINT) AS lo, "
                    + "CAST(stats_max AS BIGINT) AS hi FROM parquet_metadata('" + file + "') WHERE path_in_schema = 'v'");
            assertTrue(groups.size() > 1, "several row groups: " + groups);
            for (Map<String, Object> g : groups) {
                long n = ((Number) g.get("n")).longValue();
                assertEquals(n - 1, ((Number) g.get("hi")).longValue() - ((Number) g.get("lo")).longValue(),
                        "each row group holds a contiguous range of v: " + g);
            }
        }
    }

    @Test
    void ingestWithManySmallCommitsIsCompactedInTheBackground() {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            List<Long> values = LongStream.range(0, 4_000).boxed().toList();
            client.ingest("t", Map.of("v", values), IngestOptions.builder().commitEvery(50).flushEvery(50).build());
            client.engine().awaitMaintenance();
            int files = client.engine().table("t").refresh().dataFiles().size();
            assertTrue(files < Compaction.SMALL_FILES_THRESHOLD, "merged into few files, got " + files);
            Map<String, Object> stats = client.query("SELECT count(*) AS n, count(DISTINCT v) AS d, sum(v) AS s FROM t").getFirst();
            assertEquals(4_000L, ((Number) stats.get("n")).longValue());
            assertEquals(4_000L, ((Number) stats.get("d")).longValue());
            assertEquals(4_000L * 3_999 / 2, ((Number) stats.get("s")).longValue());
        }
    }
}
