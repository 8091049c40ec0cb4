package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.engine.index.IndexType;
import ai.deeplake4j.engine.index.text.TextIndex;
import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.TextRow;
import ai.deeplake4j.engine.search.VectorMath;
import ai.deeplake4j.engine.search.fusion.Arm;
import ai.deeplake4j.engine.search.fusion.SoftmaxFusion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeds' query shapes and the search SQL of issue 4, end to end through the embedded client. */
class SearchSqlTest {
    private static final int N = 400;
    private static final int DIM = 16;
    private static final String[] WORDS = {"lake", "river", "stone", "forest", "cloud", "storm", "field", "bird"};

    @TempDir
    Path lake;
    EmbeddedClient client;
    final List<float[]> vectors = new ArrayList<>();
    final List<String> texts = new ArrayList<>();
    final Random random = new Random(4);

    @BeforeEach
    void open() {
        client = EmbeddedClient.open(lake);
        Map<String, List<?>> data = new LinkedHashMap<>();
        List<Long> ids = new ArrayList<>();
        List<List<Float>> emb = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            ids.add((long) i);
            float[] v = randomVector();
            vectors.add(v);
            List<Float> l = new ArrayList<>();
            for (float x : v) {
                l.add(x);
            }
            emb.add(l);
            texts.add(WORDS[i % 8] + " " + WORDS[(i / 8) % 8] + " " + WORDS[(i / 64) % 8] + " water");
        }
        data.put("id", ids);
        data.put("text", texts);
        data.put("embedding", emb);
        client.ingest("t", data);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private float[] randomVector() {
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            v[j] = (float) random.nextGaussian();
        }
        return v;
    }

    private List<long[]> bruteForce(float[] q, int k) {
        List<long[]> out = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> -VectorMath.cosine(q, vectors.get(i))));
        for (int i = 0; i < k; i++) {
            out.add(new long[] {order.get(i)});
        }
        return out;
    }

    private void assertTopVector(float[] q, List<Map<String, Object>> rows, String scoreColumn) {
        List<long[]> expected = bruteForce(q, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            long id = ((Number) rows.get(i).get("id")).longValue();
            assertEquals(expected.get(i)[0], id, "rank " + i);
            assertEquals(VectorMath.cosine(q, vectors.get((int) id)), ((Number) rows.get(i).get(scoreColumn)).doubleValue(), 1e-5);
        }
    }

    @Test
    void vectorSearchSeedShapeExactThenThroughTheIndex() {
        float[] q = randomVector();
        String sql = "SELECT id, text, embedding <#> $1 AS similarity FROM t ORDER BY similarity DESC LIMIT 10";
        List<Map<String, Object>> exact = client.query(sql, q);
        assertEquals(10, exact.size());
        assertEquals(List.of("id", "text", "similarity"), List.copyOf(exact.getFirst().keySet()));
        assertTopVector(q, exact, "similarity");
        String exactRoute = client.query("EXPLAIN " + sql, q).getFirst().get("explain_value").toString();
        assertTrue(exactRoute.contains("exact cosine") && exactRoute.contains("no index"), exactRoute);
        client.createIndex("t", "embedding");
        assertEquals("clustered", client.describeTable("t").column("embedding").index());
        List<Map<String, Object>> viaIndex = client.query(sql, List.of(toList(q).toArray()));
        assertTopVector(q, viaIndex, "similarity");
        String explain = client.query("EXPLAIN " + sql, q).getFirst().get("explain_value").toString();
        assertTrue(explain.contains("index clustered") && explain.contains("64 candidates"), explain);
    }

    private static List<Object> toList(float[] v) {
        List<Object> l = new ArrayList<>();
        for (float x : v) {
            l.add((double) x);
        }
        return l;
    }

    @Test
    void everyVectorFormAndTheNonTopKRouteGiveExactScores() {
        float[] q = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        String literal = "'{1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}'";
        for (String form : List.of(literal, literal + "::float4[]", "'[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]'",
                "ARRAY[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]")) {
            List<Map<String, Object>> rows = client.query("SELECT id, embedding <#> " + form + " AS s FROM t WHERE id < 3 ORDER BY id");
            assertEquals(3, rows.size(), form);
            for (Map<String, Object> r : rows) {
                int id = ((Number) r.get("id")).intValue();
                assertEquals(VectorMath.cosine(q, vectors.get(id)), ((Number) r.get("s")).doubleValue(), 1e-5, form);
            }
        }
    }

    @Test
    void whereIsAPreFilterAndLaterCommitsAreFound() {
        client.createIndex("t", "embedding", "clustered");
        float[] q = randomVector();
        List<Map<String, Object>> rows = client.query(
                "SELECT id, embedding <#> $1 AS s FROM t WHERE id % 50 = 7 ORDER BY s DESC LIMIT 5", q);
        assertEquals(5, rows.size());
        assertTrue(rows.stream().allMatch(r -> ((Number) r.get("id")).longValue() % 50 == 7));

        client.query("INSERT INTO t (id, text, embedding) VALUES (9999, 'new row', $1)", q);
        List<Map<String, Object>> after = client.query("SELECT id, embedding <#> $1 AS s FROM t ORDER BY s DESC LIMIT 3", q);
        assertEquals(9999L, ((Number) after.getFirst().get("id")).longValue());
        assertEquals(1.0, ((Number) after.getFirst().get("s")).doubleValue(), 1e-5);

        client.query("DELETE FROM t WHERE id = 9999");
        List<Map<String, Object>> deleted = client.query("SELECT id, embedding <#> $1 AS s FROM t ORDER BY s DESC LIMIT 3", q);
        assertTrue(deleted.stream().noneMatch(r -> ((Number) r.get("id")).longValue() == 9999L));
        assertEquals(3, deleted.size());
    }

    @Test
    void hitRowsReadByPositionEqualTheTableRowsAcrossFilesAndRewrites() {
        // Two more ingests put the rows in several data files.
        for (int batch = 0; batch < 2; batch++) {
            Map<String, List<?>> data = new LinkedHashMap<>();
            List<Long> ids = new ArrayList<>();
            List<String> text = new ArrayList<>();
            List<float[]> emb = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int id = N + batch * 50 + i;
                ids.add((long) id);
                float[] v = randomVector();
                vectors.add(v);
                emb.add(v);
                text.add("extra " + id);
                texts.add("extra " + id);
            }
            data.put("id", ids);
            data.put("text", text);
            data.put("embedding", emb);
            client.ingest("t", data);
        }
        client.createIndex("t", "embedding");
        float[] q = vectors.get(N + 75);
        String sql = "SELECT *, embedding <#> $1 AS s FROM t ORDER BY s DESC LIMIT 40";
        List<Map<String, Object>> rows = client.query(sql, q);
        assertEquals(40, rows.size());
        assertEquals(N + 75L, ((Number) rows.getFirst().get("id")).longValue());
        for (Map<String, Object> r : rows) {
            int id = ((Number) r.get("id")).intValue();
            assertEquals(texts.get(id), r.get("text"), "row " + id);
            List<?> stored = (List<?>) r.get("embedding");
            for (int j = 0; j < DIM; j++) {
                assertEquals(vectors.get(id)[j], ((Number) stored.get(j)).floatValue(), 0f, "row " + id);
            }
        }
        List<Object> explain = client.query("EXPLAIN " + sql, q).stream().map(r -> r.get("explain_value")).toList();
        assertTrue(explain.contains("hit rows read by position (40 rows)"), explain.toString());

        // A copy-on-write UPDATE moves the hit to a new file: the next read finds it there.
        client.query("UPDATE t SET text = 'moved' WHERE id = " + (N + 75));
        List<Map<String, Object>> after = client.query(sql, q);
        assertEquals("moved", after.getFirst().get("text"));
        assertEquals(40, after.size());
    }

    @Test
    void tablesAboveTheLocatorLimitFindTheirHitsByJoinWithTheSameResult() {
        client.close();
        System.setProperty(ai.deeplake4j.engine.table.RowLocator.MAX_ROWS_PROPERTY, "100");
        try {
            client = EmbeddedClient.open(lake);
            client.createIndex("t", "embedding");
            float[] q = randomVector();
            String sql = "SELECT id, text, embedding <#> $1 AS similarity FROM t ORDER BY similarity DESC LIMIT 10";
            List<Map<String, Object>> rows = client.query(sql, q);
            assertTopVector(q, rows, "similarity");
            rows.forEach(r -> assertEquals(texts.get(((Number) r.get("id")).intValue()), r.get("text")));
            List<Object> explain = client.query("EXPLAIN " + sql, q).stream().map(r -> r.get("explain_value")).toList();
            assertTrue(explain.stream().anyMatch(e -> String.valueOf(e).startsWith("hit rows found by a join on _id")), explain.toString());
        } finally {
            System.clearProperty(ai.deeplake4j.engine.table.RowLocator.MAX_ROWS_PROPERTY);
        }
    }

    @Test
    void updatesReachTheIndexAsChangedRowsOnly() {
        client.createIndex("t", "embedding");
        float[] q = randomVector();
        client.query("UPDATE t SET embedding = $1 WHERE id = 5", q);
        client.query("UPDATE t SET text = 'renamed' WHERE id = 6");
        String sql = "SELECT id, embedding <#> $1 AS s FROM t ORDER BY s DESC LIMIT 3";
        List<Map<String, Object>> rows = client.query(sql, q);
        assertEquals(5L, ((Number) rows.getFirst().get("id")).longValue());
        assertEquals(1.0, ((Number) rows.getFirst().get("s")).doubleValue(), 1e-5);
        String route = client.query("EXPLAIN " + sql, q).getFirst().get("explain_value").toString();
        assertTrue(route.contains("exact over 1 rows committed since"), route);
        client.query("DELETE FROM t WHERE id = 5");
        assertTrue(client.query(sql, q).stream().noneMatch(r -> ((Number) r.get("id")).longValue() == 5L));
    }

    @Test
    void bm25SeedShapeEqualsTheExactScorerWithAndWithoutIndex() {
        String sql = "SELECT id, text, text <#> $1 AS score FROM t ORDER BY score DESC LIMIT 5";
        List<Map<String, Object>> exact = client.query(sql, "storm bird");
        List<TextRow> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(new TextRow(Integer.toString(i), texts.get(i)));
        }
        double[] expected = TextIndex.exactScorer(IndexType.BM25).scoreAll("storm bird", rows);
        double best = java.util.Arrays.stream(expected).max().orElseThrow();
        assertEquals(best, ((Number) exact.getFirst().get("score")).doubleValue(), 1e-9);
        client.query("CREATE INDEX IF NOT EXISTS t_text ON t USING deeplake_index (text) WITH (index_type = 'bm25')");
        assertEquals("bm25", client.describeTable("t").column("text").index());
        List<Map<String, Object>> viaIndex = client.query(sql, "storm bird");
        for (int i = 0; i < 5; i++) {
            assertEquals(((Number) exact.get(i).get("score")).doubleValue(), ((Number) viaIndex.get(i).get("score")).doubleValue(), 1e-5);
            int id = ((Number) viaIndex.get(i).get("id")).intValue();
            assertEquals(expected[id], ((Number) viaIndex.get(i).get("score")).doubleValue(), 1e-5);
        }
        List<Map<String, Object>> allViaIndex = client.query("SELECT id, text <#> 'storm' AS s FROM t ORDER BY id");
        assertEquals(N, allViaIndex.size());
        client.query("DROP INDEX t_text");
        assertNull(client.describeTable("t").column("text").index());
        // Not a top-k query: every row gets its score, 0 without a query term.
        List<Map<String, Object>> all = client.query("SELECT id, text <#> 'storm' AS s FROM t ORDER BY id");
        assertEquals(N, all.size());
        assertEquals(0.0, ((Number) all.get(0).get("s")).doubleValue(), 0);
        for (int i = 0; i < N; i++) {
            assertEquals(((Number) allViaIndex.get(i).get("s")).doubleValue(), ((Number) all.get(i).get("s")).doubleValue(), 1e-5);
        }
    }

    @Test
    void hybridSeedShapeEqualsTheFusionOfTheTwoArms() {
        float[] q = randomVector();
        List<Map<String, Object>> rows = client.query("SELECT id, (embedding, text)::deeplake_hybrid_record <#> "
                + "deeplake_hybrid_record($1::float4[], $2, 0.7, 0.3) AS score FROM t ORDER BY score DESC LIMIT 10", q, "forest storm");
        List<Map<String, Object>> v = client.query("SELECT id, embedding <#> $1 AS s FROM t ORDER BY s DESC LIMIT 10", q);
        List<Map<String, Object>> x = client.query("SELECT id, text <#> $1 AS s FROM t ORDER BY s DESC LIMIT 10", "forest storm");
        List<Hit> fused = new SoftmaxFusion().fuse(List.of(new Arm("v", hits(v), 0.7), new Arm("t", hits(x), 0.3)), 10);
        assertEquals(10, rows.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(fused.get(i).score(), ((Number) rows.get(i).get("score")).doubleValue(), 1e-9);
        }
        assertEquals(fused.stream().map(Hit::id).collect(Collectors.toSet()),
                rows.stream().map(r -> r.get("id").toString()).collect(Collectors.toSet()));
    }

    @Test
    void reciprocalRankFusionIsChosenByAFifthArgument() {
        float[] q = randomVector();
        List<Map<String, Object>> rows = client.query("SELECT id, (embedding, text)::deeplake_hybrid_record <#> "
                + "deeplake_hybrid_record($1, 'forest', 1, 1, 'rrf') AS score FROM t ORDER BY score DESC LIMIT 10", q);
        List<Map<String, Object>> v = client.query("SELECT id, embedding <#> $1 AS s FROM t ORDER BY s DESC LIMIT 10", q);
        List<Map<String, Object>> x = client.query("SELECT id, text <#> 'forest' AS s FROM t ORDER BY s DESC LIMIT 10");
        List<Hit> fused = new ai.deeplake4j.engine.search.fusion.ReciprocalRankFusion()
                .fuse(List.of(new Arm("v", hits(v), 1), new Arm("t", hits(x), 1)), 10);
        for (int i = 0; i < 10; i++) {
            assertEquals(fused.get(i).score(), ((Number) rows.get(i).get("score")).doubleValue(), 1e-12);
        }
        QueryException e = assertThrows(QueryException.class, () -> client.query("SELECT id, (embedding, text)::deeplake_hybrid_record <#> "
                + "deeplake_hybrid_record($1, 'forest', 1, 1, 'borda') AS score FROM t ORDER BY score DESC LIMIT 10", q));
        assertTrue(e.getMessage().contains("Unknown fusion strategy: 'borda'"), e.getMessage());
    }

    @Test
    void indexesPersistAcrossClientsAndDropWithTheTable() {
        client.createIndex("t", "embedding");
        client.close();
        client = EmbeddedClient.open(lake);
        assertEquals("clustered", client.describeTable("t").column("embedding").index());
        float[] q = randomVector();
        String sql = "SELECT id, embedding <#> $1 AS s FROM t ORDER BY s DESC LIMIT 4";
        assertTopVector(q, client.query(sql, q), "s");
        assertTrue(client.query("EXPLAIN " + sql, q).getFirst().get("explain_value").toString().contains("index clustered"));
        client.dropTable("t");
        assertTrue(client.listTables().isEmpty());
    }

    @Test
    void hybridWithAFilterWithAndWithoutAVectorIndex() {
        float[] q = randomVector();
        String sql = "SELECT id, (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2) AS score "
                + "FROM t WHERE id < 100 ORDER BY score DESC LIMIT 5";
        List<Map<String, Object>> exact = client.query(sql, q, "lake");
        client.createIndex("t", "embedding");
        List<Map<String, Object>> indexed = client.query(sql, q, "lake");
        assertEquals(5, exact.size());
        assertTrue(exact.stream().allMatch(r -> ((Number) r.get("id")).longValue() < 100));
        for (int i = 0; i < 5; i++) {
            assertEquals(((Number) exact.get(i).get("score")).doubleValue(), ((Number) indexed.get(i).get("score")).doubleValue(), 1e-6);
        }
    }

    @Test
    void maxSimOnTwoDimensionalEmbeddingsExactAndThroughThePooledIndex() {
        client.query("CREATE TABLE m (id BIGINT, tokens EMBEDDING_2D)");
        List<float[][]> docs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            float[][] d = new float[2 + i % 3][];
            for (int j = 0; j < d.length; j++) {
                d[j] = randomVector();
            }
            docs.add(d);
            client.query("INSERT INTO m VALUES ($1, $2)", i, d);
        }
        float[][] q = {docs.get(9)[0], docs.get(9)[1]};
        String sql = "SELECT id, tokens <#> $1 AS s FROM m ORDER BY s DESC LIMIT 3";
        List<Map<String, Object>> exact = client.query(sql, (Object) q);
        assertEquals(9L, ((Number) exact.getFirst().get("id")).longValue());
        assertEquals(VectorMath.maxSim(q, docs.get(9)), ((Number) exact.getFirst().get("s")).doubleValue(), 1e-5);
        client.createIndex("m", "tokens");
        assertEquals("pooled_quantized", client.describeTable("m").column("tokens").index());
        List<Map<String, Object>> indexed = client.query(sql, (Object) q);
        assertEquals(9L, ((Number) indexed.getFirst().get("id")).longValue());
        assertEquals(VectorMath.maxSim(q, docs.get(9)), ((Number) indexed.getFirst().get("s")).doubleValue(), 1e-5);
    }

    private static List<Hit> hits(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> new Hit(r.get("id").toString(), ((Number) r.get("s")).doubleValue())).toList();
    }

    @Test
    void containmentAndSelectStarHideNothingAndShowNoScoreColumns() {
        for (String needle : List.of("storm water", "lake river", "'")) {
            long expected = texts.stream().filter(x -> x.contains(needle)).count();
            assertEquals(expected, client.query("SELECT id FROM t WHERE text @> $1", needle).size(), needle);
        }
        assertEquals(64, client.query("SELECT id FROM t WHERE text @> 'storm water'").size());
        Map<String, Object> star = client.query("SELECT *, embedding <#> $1 AS s FROM t ORDER BY s DESC LIMIT 1", randomVector()).getFirst();
        assertEquals(List.of("id", "text", "embedding", "s"), List.copyOf(star.keySet()));
    }

    @Test
    void indexOptionOnIngestAndErrorsOfSection23() {
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("text", List.of("a lake", "a river"));
        data.put("emb", List.of(List.of(1.0, 0.0, 0.0), List.of(0.0, 1.0, 0.0)));
        client.ingest("u", data, IngestOptions.builder().index("text").index("emb", "clustered_quantized").build());
        assertEquals("bm25", client.describeTable("u").column("text").index());
        assertEquals("clustered_quantized", client.describeTable("u").column("emb").index());

        TableException conflict = assertThrows(TableException.class, () -> client.createIndex("u", "emb", "clustered"));
        assertTrue(conflict.getMessage().contains("already has a clustered_quantized index"), conflict.getMessage());
        TableException unknown = assertThrows(TableException.class, () -> client.createIndex("u", "text", "fancy"));
        assertTrue(unknown.getMessage().contains("Unknown index type: 'fancy'"), unknown.getMessage());
        QueryException dim = assertThrows(QueryException.class, () -> client.query("SELECT emb <#> $1 AS s FROM u ORDER BY s DESC LIMIT 1",
                new float[] {1, 0}));
        assertTrue(dim.getMessage().contains("dimension 2") && dim.getMessage().contains("dimension 3"), dim.getMessage());
        ManagedServiceException type = assertThrows(ManagedServiceException.class, () -> client.query("SELECT id <#> 'x' FROM t"));
        assertTrue(type.getMessage().contains("does not apply to column id of type INT64"), type.getMessage());
        client.dropIndex("u", "emb");
        assertNull(client.describeTable("u").column("emb").index());
        client.dropTable("u");
    }
}
