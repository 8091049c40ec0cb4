package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.dataset.BatchOptions;
import ai.deeplake4j.api.dataset.Batches;
import ai.deeplake4j.api.dataset.ColumnBatch;
import ai.deeplake4j.api.dataset.Dataset;
import ai.deeplake4j.api.dataset.Version;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.ingest.IngestOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    static final int ROWS = 10_000;
    static final int DIM = 8;

    @TempDir
    Path lake;
    EmbeddedClient client;

    @BeforeEach
    void open() {
        client = EmbeddedClient.open(lake);
        Map<String, List<?>> data = new LinkedHashMap<>();
        List<Long> id = new ArrayList<>();
        List<Integer> label = new ArrayList<>();
        List<float[]> emb = new ArrayList<>();
        List<String> name = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            id.add((long) i);
            label.add(i % 10);
            float[] v = new float[DIM];
            for (int j = 0; j < DIM; j++) {
                v[j] = i + j / 10f;
            }
            emb.add(v);
            name.add("row-" + i);
        }
        data.put("id", id);
        data.put("label", label);
        data.put("emb", emb);
        data.put("name", name);
        // several data files (commits of 3,000 rows), so blocks span files
        client.ingest("train", data, IngestOptions.builder().schema("label", "CLASS_LABEL").commitEvery(3_000).build());
    }

    @AfterEach
    void close() {
        client.close();
    }

    /** Ids of one epoch, in order, checking each batch's columns. */
    private static List<Long> epoch(Dataset ds, BatchOptions options) {
        List<Long> ids = new ArrayList<>();
        try (Batches batches = ds.batches(options)) {
            while (batches.hasNext()) {
                ColumnBatch b = batches.next();
                long[] id = b.longs("id");
                if (b.columns().contains("emb")) {
                    float[] v = b.vectors("emb");
                    int[] label = b.ints("label");
                    String[] name = b.strings("name");
                    assertEquals(DIM, b.dimension("emb"));
                    assertEquals(b.size() * DIM, v.length);
                    for (int r = 0; r < b.size(); r++) {
                        assertEquals(id[r] + 0.3f, v[r * DIM + 3], 1e-3, "vector belongs to its row");
                        assertEquals(id[r] % 10, label[r]);
                        assertEquals("row-" + id[r], name[r]);
                    }
                }
                for (long x : id) {
                    ids.add(x);
                }
            }
        }
        return ids;
    }

    private static void assertEveryRowOnce(List<Long> ids, long expected) {
        assertEquals(expected, ids.size());
        assertEquals(expected, new HashSet<>(ids).size());
    }

    @Test
    void anEpochReturnsEveryRowOnceInOrderAndShuffled() {
        try (Dataset ds = client.openTable("train")) {
            assertEquals(ROWS, ds.size());
            List<Long> ordered = epoch(ds, BatchOptions.of(256));
            assertEveryRowOnce(ordered, ROWS);
            List<Long> sorted = new ArrayList<>(ordered);
            sorted.sort(null);
            // in order means storage order: the same as random access
            for (int i : new int[] {0, 1, 4095, 4096, 9999}) {
                assertEquals(ordered.get(i), ds.get(i).get("id"));
            }
            List<Long> shuffled = epoch(ds, BatchOptions.of(256).shuffled(7));
            assertEveryRowOnce(shuffled, ROWS);
            assertNotEquals(ordered, shuffled);
            assertEquals(shuffled, epoch(ds, BatchOptions.of(256).shuffled(7)), "same seed, same order");
            assertNotEquals(shuffled, epoch(ds, BatchOptions.of(256).shuffled(8)), "another seed, another order");
            // the first batch of a shuffle mixes rows from far apart
            List<Long> first = shuffled.subList(0, 256);
            assertTrue(first.stream().mapToLong(Long::longValue).max().getAsLong()
                    - first.stream().mapToLong(Long::longValue).min().getAsLong() > 1_000);
            assertEquals(ROWS / 256 * 256, epoch(ds, BatchOptions.of(256).dropLast(true)).size(), "drop_last drops the partial batch");
            assertEveryRowOnce(epoch(ds, BatchOptions.of(1000).prefetch(0)), ROWS);
        }
    }

    @Test
    void shardsSplitAnEpochWithoutOverlap() {
        try (Dataset ds = client.openTable("train")) {
            for (int world : new int[] {1, 2, 3}) {
                Set<Long> all = new HashSet<>();
                long total = 0;
                for (int rank = 0; rank < world; rank++) {
                    Dataset shard = ds.shard(rank, world);
                    for (boolean shuffle : new boolean[] {false, true}) {
                        List<Long> ids = epoch(shard, shuffle ? BatchOptions.of(100).shuffled(rank) : BatchOptions.of(100));
                        assertEveryRowOnce(ids, shard.size());
                        if (!shuffle) {
                            all.addAll(ids);
                            total += ids.size();
                        }
                    }
                }
                assertEquals(ROWS, total, "world " + world);
                assertEquals(ROWS, all.size(), "every row in exactly one shard, world " + world);
            }
            assertThrows(IllegalArgumentException.class, () -> ds.shard(2, 2));
        }
    }

    @Test
    void randomAccessMatchesSql() {
        try (Dataset ds = client.openTable("train")) {
            for (long i : new long[] {0, 17, 4096, 5000, ROWS - 1}) {
                Map<String, Object> row = ds.get(i);
                Map<String, Object> sql = client.query("SELECT * FROM train WHERE id = $1", row.get("id")).getFirst();
                assertEquals(sql, row);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> ds.get(ROWS));
            assertThrows(IndexOutOfBoundsException.class, () -> ds.get(-1));
        }
    }

    @Test
    void queryFiltersAndProjects() {
        try (Dataset ds = client.openTable("train")) {
            Dataset sevens = ds.query("SELECT id, label WHERE label = 7 AND id < 5000");
            assertEquals(500, sevens.size());
            assertEquals(List.of("id", "label"), sevens.columns());
            List<Long> ids = epoch(sevens, BatchOptions.of(64));
            assertEveryRowOnce(ids, 500);
            assertTrue(ids.stream().allMatch(i -> i % 10 == 7 && i < 5000));
            assertEquals(Set.of("id", "label"), sevens.get(3).keySet());
            assertEquals(7, ((Number) sevens.get(3).get("label")).intValue());
            assertEquals(List.of("name"), ds.select("name").columns());
            assertThrows(TableException.class, () -> ds.select("nope"));
            assertThrows(ai.deeplake4j.api.error.QueryException.class, () -> ds.query("SELECT id FROM train"));
            ColumnBatch b = sevens.batches(10).next();
            assertThrows(IllegalArgumentException.class, () -> b.vectors("label"));
        }
    }

    @Test
    void appendsAreInvisibleUntilCommitAndVersionsTravel() {
        try (Dataset ds = client.openTable("train")) {
            long v0 = ds.version();
            ds.tag("v0");
            ds.append(Map.of("id", List.of(100_000L, 100_001L), "label", List.of(1, 2)));
            assertEquals(2, ds.uncommittedRows());
            assertEquals(ROWS, ds.size());
            assertEquals(ROWS, ((Number) client.query("SELECT count(*) AS n FROM train").getFirst().get("n")).longValue(),
                    "others do not see uncommitted rows");
            long v1 = ds.commit("two more rows");
            assertEquals(0, ds.uncommittedRows());
            assertEquals(ROWS + 2, ds.size());
            assertEquals(v1, ds.version());

            client.query("UPDATE train SET label = 99 WHERE id = 0");
            client.query("DELETE FROM train WHERE id >= 9000 AND id < 100000");
            List<Version> history = ds.history();
            assertTrue(history.size() >= 4);
            Version committed = history.stream().filter(v -> v.id() == v1).findFirst().orElseThrow();
            assertEquals("two more rows", committed.message());
            assertEquals(ROWS + 2, committed.rowCount());
            assertEquals(List.of("v0"), history.stream().filter(v -> v.id() == v0).findFirst().orElseThrow().tags());

            try (Dataset old = client.openTable("train", "v0"); Dataset atV1 = client.openTable("train", Long.toString(v1));
                 Dataset now = client.openTable("train")) {
                assertEquals(ROWS, old.size());
                assertEquals(ROWS + 2, atV1.size());
                assertEquals(ROWS + 2 - 1000, now.size());
                assertEquals(0, old.query("SELECT id WHERE label = 99").size());
                assertEquals(1, now.query("SELECT id WHERE label = 99").size());
            }
            ds.rollback(v0);
            assertEquals(ROWS, ((Number) client.query("SELECT count(*) AS n FROM train").getFirst().get("n")).longValue());
            assertThrows(TableException.class, () -> client.openTable("train", "no-such-tag"));
            assertThrows(TableException.class, () -> ds.tag("v0"));
            assertThrows(TableException.class, () -> ds.rollback(12345));
        }
    }

    @Test
    void closeDropsUncommittedRows() {
        Dataset ds = client.openTable("train");
        ds.append(Map.of("id", List.of(-1L)));
        assertEquals(1, ds.uncommittedRows());
        ds.close();
        assertEquals(0L, ((Number) client.query("SELECT count(*) AS n FROM train WHERE id = -1").getFirst().get("n")).longValue());
        assertEquals(ROWS, client.describeTable("train").rowCount());
        try (Dataset again = client.openTable("train")) {
            assertEquals(0, again.uncommittedRows());
            assertFalse(again.query("SELECT id WHERE id = -1").size() > 0);
        }
    }
}
