package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.engine.table.Compaction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {
    @TempDir
    Path lake;

    @Test
    void manySmallCommitsAreMergedWithoutChangingRowsOrIds() {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            List<Long> values = LongStream.range(0, 4_000).boxed().toList();
            // 80 commits of 50 rows: 80 small files
            client.ingest("t", Map.of("v", values), IngestOptions.builder().commitEvery(50).flushEvery(50).build());
            client.engine().awaitMaintenance();
            int files = client.engine().table("t").refresh().dataFiles().size();
            assertTrue(files < Compaction.SMALL_FILES_THRESHOLD, "merged into few files, got " + files);
            Map<String, Object> stats = client.query("SELECT count(*) AS n, count(DISTINCT v) AS d, sum(v) AS s FROM t").getFirst();
            assertEquals(4_000L, ((Number) stats.get("n")).longValue());
            assertEquals(4_000L, ((Number) stats.get("d")).longValue());
            assertEquals(4_000L * 3_999 / 2, ((Number) stats.get("s")).longValue());
            // _id values survive compaction: the same set before and after a later rewrite
            String ids = client.engine().select("SELECT string_agg(CAST(_id AS VARCHAR), ',' ORDER BY _id) AS ids FROM ("
                    + client.engine().table("t").scanSql(client.engine().table("t").dataFiles(), true, false) + ")")
                    .getFirst().get("ids").toString();
            assertEquals(4_000, ids.split(",").length);
            assertEquals(0, client.query("SELECT count(*) AS n FROM t WHERE v < 0").getFirst().get("n") instanceof Number n ? n.intValue() : -1);
        }
    }
}
