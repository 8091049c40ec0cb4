package ai.deeplake4j.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * LanceDB 0.31 through the kit's own driver ({@code peers/lance/bench.js}, run with Node in a copy
 * of that folder with its npm packages installed): {@code load} once, then one {@code query} run
 * per round, whose JSON report (median latency, CPU per query, recall@10) is folded in.
 */
final class LancePeer implements Peer {
    private static final Map<String, String> KINDS = Map.of("vector_top10", VECTOR, "vector_top10_filter10pct", FILTERED,
            "bm25_top10", KEYWORD, "hybrid_top10_rrf", HYBRID, "point_lookup", LOOKUP);

    private final PeersData data;
    private final Path app;
    private final int warmup;
    private final String ef;
    private final String nprobes;

    LancePeer(PeersData data, Path app, int warmup, String ef, String nprobes) {
        this.data = data;
        this.app = app;
        this.warmup = warmup;
        this.ef = ef;
        this.nprobes = nprobes;
    }

    @Override
    public String name() {
        return "LanceDB";
    }

    @Override
    public Map<String, String> load() throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        if (Files.isDirectory(data.dir().resolve("lance-db"))) {
            facts.put("load", "reused the table of an earlier run");
            return facts;
        }
        JsonNode out = node("load", "n=" + data.rows());
        facts.put("bulk load", String.format("%,d rows/s, %.1f CPU-s (createTable from Arrow)", out.path("load").path("rows_per_s").asLong(),
                out.path("load").path("cpu_s").asDouble()));
        facts.put("vector index build", String.format("%.1f CPU-s, %.1f s wall (%s)", out.path("vector_index_build").path("cpu_s").asDouble(),
                out.path("vector_index_build").path("wall_s").asDouble(), out.path("vector_index_build").path("kind").asText()));
        return facts;
    }

    @Override
    public void round(Map<String, Measure> m) throws Exception {
        Path report = Files.createTempFile("lance-round", ".json");
        try {
            node("query", "n=" + data.rows(), "warm=" + warmup, "ef=" + ef, "nprobes=" + nprobes, "out=" + report);
            JsonNode out = new ObjectMapper().readTree(report.toFile());
            KINDS.forEach((key, kind) -> {
                JsonNode k = out.get(key);
                if (k != null) {
                    m.computeIfAbsent(kind, x -> new Measure()).addReported(k.path("median_ms").asDouble(), k.path("cpu_ms_per_op").asDouble(),
                            k.path("n").asInt(), k.has("recall@10") ? k.get("recall@10").asDouble() : null,
                            k.has("queries_returning_10") ? k.get("queries_returning_10").asInt() : null);
                }
            });
        } finally {
            Files.deleteIfExists(report);
        }
    }

    private JsonNode node(String mode, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("node", app.resolve("bench.js").toString(), mode));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(app.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PEERS_DATA", data.dir().toString());
        // the kit's advice for 2 cores: FTS index building hangs otherwise
        pb.environment().put("LANCE_FTS_NUM_SHARDS", "1");
        pb.environment().put("LANCE_CPU_THREADS", "2");
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("LanceDB driver failed: " + cmd + " (exit " + (p.isAlive() ? "none, killed" : p.exitValue()) + ")");
        }
        return new ObjectMapper().readTree(stdout);
    }
}
