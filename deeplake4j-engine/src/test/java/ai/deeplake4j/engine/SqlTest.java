package ai.deeplake4j.engine;

import static ai.deeplake4j.engine.ColumnDataIngestTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.api.error.TableException;
import ai.deeplake4j.api.schema.TypeKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlTest {
    @TempDir
    Path lake;
    EmbeddedClient client;

    @BeforeEach
    void open() {
        client = EmbeddedClient.open(lake);
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("id", List.of(1, 2, 3, 4));
        data.put("name", List.of("alpha", "beta", "gamma", "delta"));
        data.put("score", List.of(0.5, 1.5, 2.5, 3.5));
        data.put("emb", List.of(List.of(1, 0), List.of(0, 1), List.of(1, 1), List.of(-1, 0)));
        client.ingest("items", data);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private long count(String sql, Object... params) {
        return ((Number) client.query(sql, params).getFirst().values().iterator().next()).longValue();
    }

    @Test
    void parametersAndPostgresForms() {
        assertEquals("beta", client.query("SELECT name FROM items WHERE id = $1", 2).getFirst().get("name"));
        assertEquals(3, count("SELECT count(*) FROM items WHERE name ILIKE $1 AND score > $2", "%A", 1.0));
        assertEquals(List.of(0.1f, 0.2f), client.query("SELECT '{0.1,0.2}'::float4[] AS v").getFirst().get("v"));
        assertEquals(List.of(0.5f, 0.25f), client.query("SELECT $1::float4[] AS v", "{0.5,0.25}").getFirst().get("v"));
        assertEquals(List.of(1f, 2f), client.query("SELECT $1::float4[] AS v", new float[] {1, 2}).getFirst().get("v"));
        assertEquals(List.of(1f, 2f), client.query("SELECT ARRAY[1, 2]::float4[] AS v").getFirst().get("v"));
        assertEquals("x", client.query("SELECT '{\"k\": \"x\"}'::jsonb ->> 'k' AS k").getFirst().get("k"));
        assertArrayEquals(new byte[] {1, 2, (byte) 0xAB}, (byte[]) client.query("SELECT '\\x0102ab'::bytea AS b").getFirst().get("b"));
        assertArrayEquals(new byte[] {9}, (byte[]) client.query("SELECT $1 AS b", (Object) new byte[] {9}).getFirst().get("b"));
        assertEquals("it's", client.query("SELECT $1 AS s", "it's").getFirst().get("s"), "quotes in parameters stay data");
        assertEquals(3, count("WITH top AS (SELECT * FROM items WHERE score > $1) SELECT count(*) FROM top", 1.0));
        assertEquals(1.0, ((Number) client.query("SELECT list_cosine_similarity(emb, $1) AS s FROM items WHERE id = 1",
                List.of(1.0, 0.0)).getFirst().get("s")).doubleValue(), 1e-6);
        assertEquals("$1 stays text", client.query("SELECT '$1 stays text' AS s -- $2 in a comment", 5).getFirst().get("s"));
    }

    @Test
    void queryBuilderQuotesTheTableAndNumbersParametersInCallOrder() {
        List<Map<String, Object>> rows = client.table("items").select("id", "name").where("score > $1", 1.0)
                .where("name <> $2", "gamma").orderBy("id DESC").limit(2).offset(0).execute();
        assertEquals(List.of(4L, 2L), rows.stream().map(r -> r.get("id")).toList());
        assertEquals("SELECT id, name FROM \"items\" WHERE (score > $1) AND (name <> $2) ORDER BY id DESC LIMIT 2 OFFSET 0",
                client.table("items").select("id", "name").where("score > $1", 1.0).where("name <> $2", "gamma")
                        .orderBy("id DESC").limit(2).offset(0).toSql());
    }

    @Test
    void insertUpdateDeleteEachCommitOnce() {
        long before = client.describeTable("items").snapshotId();
        assertEquals(2L, client.query("INSERT INTO items (id, name, score) VALUES ($1, $2, 9.5), (6, 'zeta', 0)", 5, "eps")
                .getFirst().get("count"));
        long afterInsert = client.describeTable("items").snapshotId();
        assertTrue(afterInsert != before);
        assertEquals(6, count("SELECT count(*) FROM items"));
        assertEquals(1, count("SELECT count(*) FROM items WHERE emb IS NULL AND id = 5"));

        assertEquals(2L, client.query("UPDATE items SET score = score * 10, name = upper(name) WHERE id IN ($1, $2)", 1, 2)
                .getFirst().get("count"));
        assertEquals(List.of("ALPHA", "BETA", "gamma"), client.query("SELECT name FROM items WHERE id <= 3 ORDER BY id")
                .stream().map(r -> r.get("name")).toList());
        assertEquals(15.0, ((Number) client.query("SELECT score FROM items WHERE id = 2").getFirst().get("score")).doubleValue());
        assertEquals(List.of(0f, 1f), client.query("SELECT emb FROM items WHERE id = 2").getFirst().get("emb"), "untouched columns keep values");

        assertEquals(1L, client.query("DELETE FROM items WHERE name LIKE '%mm%'").getFirst().get("count"));
        assertEquals(5, count("SELECT count(*) FROM items"));
        assertEquals(0L, client.query("DELETE FROM items WHERE id = 999").getFirst().get("count"));
        assertEquals(5L, client.query("DELETE FROM items").getFirst().get("count"));
        assertEquals(0, count("SELECT count(*) FROM items"));
        client.query("INSERT INTO items SELECT 7, 'again', 1.0, [0.5, 0.5]::FLOAT[]");
        assertEquals(List.of(0.5f, 0.5f), client.query("SELECT emb FROM items").getFirst().get("emb"));
    }

    @Test
    void createTableUsingDeeplakeTakesPostgresAndDeeplakeTypes() {
        client.query("CREATE TABLE docs (id SERIAL PRIMARY KEY, body TEXT NOT NULL, embedding FLOAT4[], v4 float4[4], "
                + "meta JSONB, raw BYTEA, ok BOOLEAN, n INT4, big BIGINT, r REAL, d DOUBLE PRECISION, pic IMAGE, e2 FLOAT4[][]) USING deeplake");
        Map<String, String> types = new LinkedHashMap<>();
        client.describeTable("docs").columns().forEach(c -> types.put(c.name(), c.type().toString()));
        assertEquals(Map.ofEntries(Map.entry("id", "INT64"), Map.entry("body", "TEXT"), Map.entry("embedding", "EMBEDDING"),
                Map.entry("v4", "EMBEDDING(4)"), Map.entry("meta", "JSONB"), Map.entry("raw", "BINARY"), Map.entry("ok", "BOOL"),
                Map.entry("n", "INT32"), Map.entry("big", "INT64"), Map.entry("r", "FLOAT32"), Map.entry("d", "FLOAT64"),
                Map.entry("pic", "IMAGE"), Map.entry("e2", "EMBEDDING_2D")), types);
        client.query("INSERT INTO docs (id, body, embedding, meta, e2) VALUES (1, 'hello', '{0.1,0.2}', '{\"a\": 1}', '{{1,2},{3,4}}')");
        Map<String, Object> row = client.query("SELECT body, embedding, meta ->> 'a' AS a, e2 FROM docs").getFirst();
        assertEquals("hello", row.get("body"));
        assertEquals(List.of(0.1f, 0.2f), row.get("embedding"));
        assertEquals("1", row.get("a"));
        assertEquals(List.of(List.of(1f, 2f), List.of(3f, 4f)), row.get("e2"));
        assertEquals(TypeKind.EMBEDDING, client.describeTable("docs").column("embedding").type().kind());
        client.query("CREATE TABLE IF NOT EXISTS docs (x TEXT)");
        assertMessage(TableException.class, () -> client.query("CREATE TABLE docs (x TEXT)"), "Table already exists: docs");
        assertMessage(QueryException.class, () -> client.query("CREATE TABLE t2 (x TIMESTAMPTZ)"), "'x'");
        client.query("DROP TABLE docs");
        assertEquals(List.of("items"), client.listTables());
        client.query("DROP TABLE IF EXISTS docs");
        assertMessage(TableException.class, () -> client.query("DROP TABLE docs"), "Table not found: docs");
    }

    @Test
    void errorsNameTheProblemAndChangeNothing() {
        QueryException syntax = org.junit.jupiter.api.Assertions.assertThrows(QueryException.class,
                () -> client.query("SELECT * FORM items"));
        assertTrue(syntax.getMessage().contains("syntax error") && syntax.getMessage().contains("LINE 1"), syntax.getMessage());
        assertTrue(syntax.getMessage().contains("^"), "DuckDB's caret marks the position: " + syntax.getMessage());
        assertMessage(QueryException.class, () -> client.query("UPDATE items SET WHERE id = 1"), "position");
        assertMessage(QueryException.class, () -> client.query("SELECT 'open"), "Unterminated string literal starting at position 8");
        assertMessage(QueryException.class, () -> client.query("SELECT $2", 1), "Parameter $2 at position 8 has no value");
        assertMessage(TableException.class, () -> client.query("SELECT * FROM nowhere"), "Table not found: nowhere");
        assertMessage(TableException.class, () -> client.query("INSERT INTO nowhere VALUES (1)"), "Table not found: nowhere");
        assertMessage(TableException.class, () -> client.query("UPDATE items SET nope = 1"), "no column 'nope'");
        assertMessage(QueryException.class, () -> client.query("UPDATE items SET id = 'text' WHERE id = 1"), "Could not convert");
        assertMessage(QueryException.class, () -> client.query("INSERT INTO items (id) VALUES ('x')"), "Could not convert");
        assertMessage(QueryException.class, () -> client.query("DELETE FROM items WHERE nosuchcol = 1"), "nosuchcol");
        assertEquals(4, count("SELECT count(*) FROM items"));
        assertEquals(List.of(1L, 2L, 3L, 4L), client.query("SELECT id FROM items ORDER BY id").stream().map(r -> r.get("id")).toList());
    }

    @Test
    void anotherClientSeesCommitsImmediately() {
        try (EmbeddedClient other = EmbeddedClient.open(lake)) {
            assertEquals(4, ((Number) other.query("SELECT count(*) AS n FROM items").getFirst().get("n")).longValue());
            client.query("INSERT INTO items (id) VALUES (10)");
            assertEquals(5, ((Number) other.query("SELECT count(*) AS n FROM items").getFirst().get("n")).longValue());
            other.ingest("fresh", Map.of("x", List.of(1)));
            assertEquals(1, count("SELECT count(*) FROM fresh"));
        }
    }
}
