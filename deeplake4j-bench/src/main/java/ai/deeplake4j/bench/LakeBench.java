package ai.deeplake4j.bench;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.engine.EmbeddedClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Issue 2 benchmark on the embedded lake, default ingest options unless stated: column data of
 * small rows, rows with a 384-float embedding, text files in MB/s, and a lookup by column value
 * and {@code COUNT(*)} on a 1,000,000-row table. Each measure follows a small warm-up ingest of the
 * same kind (JIT, class loading), and ingest times include compaction. Prints a Markdown table for BENCHMARKS.md.
 *
 * <p>Usage: {@code bin/bench lake [ROWS] [CORPUS_TEXT_DIR]} (default 1,000,000 rows).
 */
public final class LakeBench {
    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path corpus = Path.of(args.length > 1 ? args[1] : "../shared/corpus/text");
        Path lake = TempDirs.create("deeplake4j-bench-lake");
        List<String> results = new ArrayList<>();
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            // 1. small rows: text + int + float
            client.ingest("warmup_rows", smallRows(20_000));
            Map<String, List<?>> small = smallRows(rows);
            Stopwatch.Timing s = Stopwatch.timed(() -> client.ingest("small", small));
            results.add(row("column data, small rows (text+int+float), " + rows + " rows", rows / s.wall(), "rows/s", "≥ 50,000"));
            results.add(row("  the same per CPU-second of the process", rows / s.cpu(), "rows/CPU-s", ""));
            results.add(row("background compaction of that table afterwards (not in the rate above)",
                    Stopwatch.seconds(() -> client.engine().awaitMaintenance()), "s", ""));

            // 2. embedding rows
            int embRows = Math.min(rows, 200_000);
            client.ingest("warmup_emb", embeddingRows(5_000, 384));
            Map<String, List<?>> emb = embeddingRows(embRows, 384);
            Stopwatch.Timing e = Stopwatch.timed(() -> client.ingest("emb", emb));
            results.add(row("rows with a 384-float embedding (+ int id), " + embRows + " rows", embRows / e.wall(), "rows/s", "≥ 15,000"));
            results.add(row("  the same per CPU-second of the process", embRows / e.cpu(), "rows/CPU-s", ""));
            results.add(row("background compaction of that table afterwards (not in the rate above)",
                    Stopwatch.seconds(() -> client.engine().awaitMaintenance()), "s", ""));

            // 3. text files: the corpus copied until there are >= 20 MB
            Path texts = TempDirs.create("deeplake4j-bench-text");
            long bytes = copyUntil(corpus, texts, 20L << 20);
            client.ingest("warmup", Map.of("path", List.of(corpus.toString())), IngestOptions.builder().schema("path", "FILE").build());
            client.engine().awaitMaintenance();
            // The first pass includes compiling jsoup's and the chunker's hot paths (the warm-up
            // above is only 0.6 MB); passes 2 and 3 show the rate of a longer text ingest.
            for (int pass = 1; pass <= 3; pass++) {
                String table = pass == 1 ? "texts" : "texts_pass" + pass;
                Stopwatch.Timing t = Stopwatch.timed(() -> client.ingest(table, Map.of("path", List.of(texts.toString())),
                        IngestOptions.builder().schema("path", "FILE").build()));
                String what = pass == 1 ? "text files (" + (bytes >> 20) + " MB of ../shared/corpus/text copies)"
                        : "  the same files again, pass " + pass + (pass == 3 ? " (JIT warm)" : "");
                results.add(row(what, bytes / t.wall() / (1 << 20), "MB/s", pass == 1 ? "≥ 20" : ""));
                results.add(row("  per CPU-second of the process", bytes / t.cpu() / (1 << 20), "MB/CPU-s", ""));
                client.engine().awaitMaintenance();
            }

            // 4. lookups on the small-rows table (compacted above)
            client.engine().awaitMaintenance();
            Random random = new Random(42);
            double lookup = Stopwatch.medianMillis(20, 101, () -> {
                List<Map<String, Object>> r = client.query("SELECT * FROM small WHERE id = $1", (long) random.nextInt(rows));
                if (r.size() != 1) {
                    throw new IllegalStateException("lookup found " + r.size() + " rows");
                }
            });
            results.add(row("lookup by column value (`WHERE id = $1`, " + rows + " rows), median of 101", lookup, "ms", "≤ 20"));
            double count = Stopwatch.medianMillis(20, 101, () -> client.query("SELECT count(*) FROM small"));
            results.add(row("`COUNT(*)` on " + rows + " rows, median of 101", count, "ms", "≤ 10"));
            long files = client.engine().table("small").dataFiles().size();
            results.add("| data files of the " + rows + "-row table after ingest | " + files + " | files | |");
        }
        System.out.println("| measure | result | unit | target |");
        System.out.println("|---|---|---|---|");
        results.forEach(System.out::println);
    }

    private static String row(String what, double value, String unit, String target) {
        return String.format("| %s | %,.1f | %s | %s |", what, value, unit, target);
    }

    static Map<String, List<?>> smallRows(int rows) {
        List<String> text = new ArrayList<>(rows);
        List<Long> id = new ArrayList<>(rows);
        List<Double> score = new ArrayList<>(rows);
        Random r = new Random(1);
        for (int i = 0; i < rows; i++) {
            text.add("item number " + i + " of the benchmark");
            id.add((long) i);
            score.add(r.nextDouble());
        }
        Map<String, List<?>> m = new LinkedHashMap<>();
        m.put("text", text);
        m.put("id", id);
        m.put("score", score);
        return m;
    }

    static Map<String, List<?>> embeddingRows(int rows, int dim) {
        List<float[]> vectors = new ArrayList<>(rows);
        List<Long> id = new ArrayList<>(rows);
        Random r = new Random(2);
        for (int i = 0; i < rows; i++) {
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = (float) r.nextGaussian();
            }
            vectors.add(v);
            id.add((long) i);
        }
        Map<String, List<?>> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("embedding", vectors);
        return m;
    }

    private static long copyUntil(Path from, Path to, long target) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(from)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        long bytes = 0;
        for (int copy = 0; bytes < target; copy++) {
            for (Path f : files) {
                Files.copy(f, to.resolve(copy + "-" + f.getFileName()));
                bytes += Files.size(f);
            }
        }
        return bytes;
    }
}
