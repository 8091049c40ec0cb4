package ai.deeplake4j.bench.peers;

import ai.deeplake4j.bench.search.BenchArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deeplake4j, pgvector and LanceDB side by side on the peers kit's data (issue 12; protocol in
 * {@code ../shared/peers/README.md}): each system loads the same {@code data.csv} once, then the
 * systems run interleaved, round by round (deeplake4j, pgvector, LanceDB, deeplake4j, ...), each
 * round after its own 50 warm-up queries; the report gives, per query kind, the median latency
 * over all rounds, CPU per query, recall@10 against the exact ground truth and how many queries
 * returned 10 rows, as Markdown for BENCHMARKS.md. Run through {@code bin/bench peers}, which
 * makes the data and sets the peers up.
 *
 * <p>Arguments ({@code name=value}): {@code data} (the kit's data directory, required), {@code
 * rounds} (3), {@code warmup} (50), {@code systems} (deeplake4j,pgvector,lance), {@code pgport}
 * (54329), {@code lance} (a copy of the kit's lance folder with node_modules), {@code ef} (64) and
 * {@code nprobes} (2) for LanceDB, {@code dir} (the deeplake4j lake; default inside data).
 */
public final class PeersBench {

    private PeersBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(require(args, "data"));
        PeersData data = PeersData.read(dataDir);
        int rounds = BenchArgs.integer(args, "rounds", 3);
        int warmup = BenchArgs.integer(args, "warmup", 50);
        String systems = orDefault(BenchArgs.string(args, "systems"), "deeplake4j,pgvector,lance");
        String load0 = Files.readString(Path.of("/proc/loadavg")).strip();
        List<Peer> peers = new ArrayList<>();
        if (systems.contains("deeplake4j")) {
            String dir = BenchArgs.string(args, "dir");
            peers.add(new DeeplakePeer(data, dir == null ? dataDir.resolve("deeplake4j-lake") : Path.of(dir), warmup));
        }
        if (systems.contains("pgvector")) {
            peers.add(new PgvectorPeer(data, BenchArgs.integer(args, "pgport", 54329), warmup));
        }
        if (systems.contains("lance")) {
            peers.add(new LancePeer(data, Path.of(require(args, "lance")), warmup, orDefault(BenchArgs.string(args, "ef"), "64"),
                    orDefault(BenchArgs.string(args, "nprobes"), "2")));
        }
        Map<String, Map<String, String>> facts = new LinkedHashMap<>();
        Map<String, Map<String, Measure>> measures = new LinkedHashMap<>();
        try {
            for (Peer p : peers) {
                System.err.println("== loading " + p.name());
                facts.put(p.name(), p.load());
                measures.put(p.name(), new LinkedHashMap<>());
            }
            for (int r = 1; r <= rounds; r++) {
                for (Peer p : peers) {
                    System.err.println("== round " + r + " of " + rounds + ": " + p.name());
                    p.round(measures.get(p.name()));
                }
            }
        } finally {
            for (Peer p : peers) {
                p.close();
            }
        }
        print(data, rounds, warmup, load0, facts, measures, String.join(" ", args));
    }

    private static void print(PeersData data, int rounds, int warmup, String load0, Map<String, Map<String, String>> facts,
                              Map<String, Map<String, Measure>> measures, String args) throws Exception {
        List<String> names = new ArrayList<>(measures.keySet());
        StringBuilder md = new StringBuilder();
        md.append(String.format("### Peers side by side: %,d rows x %d-d, %d queries per kind, %d rounds interleaved (%s)%n%n",
                data.rows(), data.dim(), data.queries().size(), rounds, Instant.now()));
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores; load average before ")
                .append(load0).append(", after ").append(Files.readString(Path.of("/proc/loadavg")).strip())
                .append(". Command: `bin/bench peers ").append(args).append("`; ").append(warmup).append(" warm-up queries per round.\n\n");
        md.append("Median latency / CPU per query in ms (recall@10, queries returning 10 rows).\n\n");
        md.append("| measure |");
        names.forEach(n -> md.append(' ').append(n).append(" |"));
        md.append(names.size() > 1 ? " deeplake4j / best peer (latency) |\n|---|" : "\n|---|");
        names.forEach(n -> md.append("---|"));
        md.append(names.size() > 1 ? "---|\n" : "\n");
        for (String kind : List.of(Peer.VECTOR, Peer.FILTERED, Peer.KEYWORD, Peer.HYBRID, Peer.LOOKUP)) {
            md.append("| ").append(kind).append(" |");
            double best = Double.MAX_VALUE;
            double ours = Double.NaN;
            for (String n : names) {
                Measure m = measures.get(n).get(kind);
                md.append(' ').append(m == null || m.isEmpty() ? "" : m.toString()).append(" |");
                if (m != null && !m.isEmpty()) {
                    if (n.equals("deeplake4j")) {
                        ours = m.medianMillis();
                    } else {
                        best = Math.min(best, m.medianMillis());
                    }
                }
            }
            if (names.size() > 1) {
                md.append(Double.isNaN(ours) || best == Double.MAX_VALUE ? "" : String.format(" %.2fx", ours / best)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
        facts.forEach((n, f) -> f.forEach((k, v) -> md.append("- ").append(n).append(", ").append(k).append(": ").append(v).append('\n')));
        System.out.print(md);
    }

    private static String require(String[] args, String name) {
        String v = BenchArgs.string(args, name);
        if (v == null) {
            throw new IllegalArgumentException(name + "= is required (bin/bench peers passes it)");
        }
        return v;
    }

    private static String orDefault(String v, String dflt) {
        return v == null ? dflt : v;
    }
}
