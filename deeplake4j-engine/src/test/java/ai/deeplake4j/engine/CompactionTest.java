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

    @Test
    void compactionMergesSmallFilesKeepingRowsAndIds() throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            try (TableWriter w = client.engine().store().openWriter("t", TableSchema.of(Map.of("v", ColumnType.of(TypeKind.INT64))))) {
                for (long i = 0; i < 2_000; i++) {
                    w.append(new Object[] {i});
                    if (i % 50 == 49) {
                        w.commit();
                    }
                }
                w.sync();
            }
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
