package ai.deeplake4j.bench;

import ai.deeplake4j.engine.EmbeddedClient;
import ai.deeplake4j.engine.table.LakeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Issue 11 (point 4) benchmark: metadata growth and planning time over many single-row commits,
 * each an {@code INSERT} statement on the embedded lake (background compaction, snapshot expiry
 * and orphan cleanup run as they do after any write; every snapshot is younger than the 7-day
 * retention, so all are kept). At checkpoints it prints the table's metadata bytes on disk (all
 * of {@code metadata/}: {@code metadata.json} versions, manifest lists, manifests) per commit, and
 * the times that could grow with the history: Iceberg planning of a point query
 * ({@code planFiles} with {@code id = x}), the point query itself, loading the table's metadata
 * after a commit, and the INSERT.
 *
 * <p>Usage: {@code bin/bench metadata [COMMITS]} (default 10,000; checkpoints at 100, 1,000,
 * 10,000 and the end).
 */
public final class MetadataBench {
    private MetadataBench() {
    }

    public static void main(String[] args) throws IOException {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<Integer> checkpoints = new ArrayList<>(Stream.of(100, 1_000, 10_000, 100_000).filter(c -> c < commits).toList());
        checkpoints.add(commits);
        Path lake = TempDirs.create("deeplake4j-bench-metadata");
        List<String> rows = new ArrayList<>();
        rows.add("| commits | metadata on disk | per commit | metadata.json files (current size) | manifests of the current snapshot "
                + "| Iceberg planning, point query (median) | point query `WHERE id = $1` (median) | table metadata load (median) "
                + "| INSERT (median of the last 100) |");
        rows.add("|---|---|---|---|---|---|---|---|---|");
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            client.query("CREATE TABLE t (id BIGINT, name TEXT)");
            long[] insertNanos = new long[commits];
            int next = 0;
            for (int i = 0; i < commits; i++) {
                long start = System.nanoTime();
                client.query("INSERT INTO t (id, name) VALUES ($1, $2)", (long) i, "row " + i);
                insertNanos[i] = System.nanoTime() - start;
                if (i + 1 == checkpoints.get(next)) {
                    client.engine().awaitMaintenance();
                    rows.add(checkpoint(client, i + 1, Arrays.copyOfRange(insertNanos, Math.max(0, i + 1 - 100), i + 1)));
                    System.err.println(rows.getLast());
                    next++;
                }
            }
        }
        System.out.println("Single-row INSERT commits on a two-column table (id BIGINT, name TEXT); machine: "
                + Runtime.getRuntime().availableProcessors() + " cores.");
        System.out.println();
        rows.forEach(System.out::println);
    }

    private static String checkpoint(EmbeddedClient client, int commits, long[] lastInserts) throws IOException {
        LakeTable t = client.engine().table("t");
        Table iceberg = t.iceberg();
        Path metadata = Path.of(iceberg.location(), "metadata");
        long bytes = 0;
        int json = 0;
        try (Stream<Path> files = Files.list(metadata)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                bytes += Files.size(p);
                json += p.getFileName().toString().endsWith(".metadata.json") ? 1 : 0;
            }
        }
        long current = Files.size(Path.of(((org.apache.iceberg.HasTableOperations) iceberg).operations().current().metadataFileLocation()));
        int manifests = iceberg.currentSnapshot().allManifests(iceberg.io()).size();
        Random random = new Random(commits);
        double plan = Stopwatch.medianMillis(5, 21, () -> {
            try (CloseableIterable<FileScanTask> tasks = iceberg.newScan().filter(Expressions.equal("id", (long) random.nextInt(commits))).planFiles()) {
                int n = 0;
                for (FileScanTask ignored : tasks) {
                    n++;
                }
                if (n != 1) {
                    throw new IllegalStateException("a point query planned " + n + " files");
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        double query = Stopwatch.medianMillis(5, 21, () -> {
            if (client.query("SELECT * FROM t WHERE id = $1", (long) random.nextInt(commits)).size() != 1) {
                throw new IllegalStateException("lookup missed");
            }
        });
        double load = Stopwatch.medianMillis(2, 11, () -> client.engine().table("t"));
        long[] sorted = lastInserts.clone();
        Arrays.sort(sorted);
        double insert = sorted[sorted.length / 2] / 1e6;
        return String.format("| %,d | %.1f MB | %.1f KB | %d (%.0f KB) | %d | %.2f ms | %.2f ms | %.1f ms | %.1f ms |", commits,
                bytes / 1e6, bytes / 1024.0 / commits, json, current / 1024.0, manifests, plan, query, load, insert);
    }
}
