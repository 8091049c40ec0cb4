package ai.deeplake4j.bench.peers;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.engine.EmbeddedClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deeplake4j embedded, through {@code client.query} with pg_deeplake's {@code <#>}: the whole SQL
 * path, ten rows with their text returned. CPU is this process's (DuckDB's native threads included).
 */
final class DeeplakePeer implements Peer {
    private static final int BATCH = 20_000;

    private final PeersData data;
    private final EmbeddedClient client;
    private final int warmup;

    DeeplakePeer(PeersData data, Path lake, int warmup) {
        this.data = data;
        this.client = EmbeddedClient.open(lake);
        this.warmup = warmup;
    }

    @Override
    public String name() {
        return "deeplake4j";
    }

    @Override
    public Map<String, String> load() throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        if (client.listTables().contains("items")
                && ((Number) client.query("SELECT count(*) AS n FROM items").getFirst().get("n")).longValue() == data.rows()) {
            facts.put("load", "reused the lake of an earlier run");
            return facts;
        }
        client.dropTable("items", true);
        double cpu0 = Cpu.processSeconds();
        long t0 = System.nanoTime();
        List<Object> ids = new ArrayList<>(BATCH), cats = new ArrayList<>(BATCH), texts = new ArrayList<>(BATCH), embs = new ArrayList<>(BATCH);
        IngestOptions options = IngestOptions.builder().schema("embedding", "EMBEDDING(" + data.dim() + ")").commitEvery(200_000).build();
        Runnable flush = () -> {
            if (!ids.isEmpty()) {
                client.ingest("items", Map.of("id", List.copyOf(ids), "cat", List.copyOf(cats), "text", List.copyOf(texts),
                        "embedding", List.copyOf(embs)), options);
                ids.clear();
                cats.clear();
                texts.clear();
                embs.clear();
            }
        };
        data.forEachRow(r -> {
            ids.add(r.id());
            cats.add((long) r.cat());
            texts.add(r.text());
            embs.add(r.embedding());
            if (ids.size() == BATCH) {
                flush.run();
            }
        });
        flush.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        facts.put("bulk load", String.format("%,.0f rows/s, %.1f CPU-s (ingest of column data, %,d-row calls, CSV parsing included)",
                data.rows() / wall, Cpu.processSeconds() - cpu0, BATCH));
        double c = Cpu.processSeconds();
        t0 = System.nanoTime();
        client.createIndex("items", "embedding", null);
        facts.put("vector index build", String.format("%.1f CPU-s, %.1f s wall (HNSW, clustered)", Cpu.processSeconds() - c,
                (System.nanoTime() - t0) / 1e9));
        c = Cpu.processSeconds();
        client.createIndex("items", "text", null);
        facts.put("text index build", String.format("%.1f CPU-s (BM25)", Cpu.processSeconds() - c));
        return facts;
    }

    @Override
    public void round(Map<String, Measure> m) {
        String vector = "SELECT id, text, embedding <#> $1 AS s FROM items ORDER BY s DESC LIMIT 10";
        String filtered = "SELECT id, text, embedding <#> $1 AS s FROM items WHERE cat = $2 ORDER BY s DESC LIMIT 10";
        String keyword = "SELECT id, text, text <#> $1 AS s FROM items ORDER BY s DESC LIMIT 10";
        String hybrid = "SELECT id, text, (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2, 0.5, 0.5) AS s"
                + " FROM items ORDER BY s DESC LIMIT 10";
        String lookup = "SELECT id, cat, text FROM items WHERE id = $1";
        for (int i = 0; i < warmup; i++) {
            float[] w = data.warmVector(i);
            client.query(vector, w);
            client.query(filtered, w, (long) (i % 10));
            client.query(keyword, data.keywords().get((i + 37) % data.keywords().size()).split(" ")[0]);
            client.query(hybrid, w, data.keywords().get((i + 37) % data.keywords().size()));
            client.query(lookup, (long) (i * 7));
        }
        int n = data.queries().size();
        time(m.computeIfAbsent(VECTOR, k -> new Measure()), n, i -> ids(client.query(vector, data.queries().get(i))), data.truth());
        time(m.computeIfAbsent(FILTERED, k -> new Measure()), n,
                i -> ids(client.query(filtered, data.queries().get(i), (long) data.categories()[i])), data.truthFiltered());
        time(m.computeIfAbsent(KEYWORD, k -> new Measure()), n, i -> ids(client.query(keyword, data.keywords().get(i))), null);
        time(m.computeIfAbsent(HYBRID, k -> new Measure()), n,
                i -> ids(client.query(hybrid, data.queries().get(i), data.keywords().get(i))), null);
        time(m.computeIfAbsent(LOOKUP, k -> new Measure()), n, i -> ids(client.query(lookup, (long) ((i * 1999L) % data.rows()))), null);
    }

    private static void time(Measure m, int n, Measure.Query<RuntimeException> q, List<List<Long>> truth) {
        m.time(n, q, truth, Cpu::processSeconds);
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }

    @Override
    public void close() {
        client.close();
    }
}
