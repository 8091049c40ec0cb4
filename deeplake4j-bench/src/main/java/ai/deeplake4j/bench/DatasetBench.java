package ai.deeplake4j.bench;

import ai.deeplake4j.api.dataset.BatchOptions;
import ai.deeplake4j.api.dataset.Batches;
import ai.deeplake4j.api.dataset.ColumnBatch;
import ai.deeplake4j.api.dataset.Dataset;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.engine.EmbeddedClient;
import ai.deeplake4j.engine.table.Sql;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * Issue 7 benchmark: one epoch of {@code batches(256)} over ROWS rows of a 384-float embedding and
 * an int label, in order and shuffled, against DuckDB reading the same Parquet files in the same
 * run: through Arrow (its fastest path into Java; floats bulk-copied) and through plain JDBC.
 * Every variant touches every value it reads. Usage: {@code bin/bench dataset [ROWS]}.
 */
public final class DatasetBench {
    private static volatile double sink;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path lake = TempDirs.create("deeplake4j-bench-dataset");
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            ingest(client, rows);
            client.engine().awaitMaintenance();
            List<String> files = client.engine().table("train").refresh().dataFiles();
            String list = String.join(", ", files.stream().map(Sql::literal).toList());
            String scan = "SELECT embedding, label FROM read_parquet([" + list + "])";
            List<String> lines = new ArrayList<>();
            double arrow = 0;
            double ordered = 0;
            double shuffled = 0;
            for (int run = 0; run < 3; run++) {
                arrow = Math.max(arrow, rows / Stopwatch.seconds(() -> duckdbArrow(client, scan)));
                try (Dataset ds = client.openTable("train")) {
                    ordered = Math.max(ordered, rows / Stopwatch.seconds(() -> epoch(ds, BatchOptions.of(256))));
                    int seed = run;
                    shuffled = Math.max(shuffled, rows / Stopwatch.seconds(() -> epoch(ds, BatchOptions.of(256).shuffled(seed))));
                }
            }
            double jdbc = rows / Stopwatch.seconds(() -> duckdbJdbc(client, scan));
            lines.add(String.format("| DuckDB alone, Arrow export of the same files (baseline) | %,.0f | 100%% | |", arrow));
            lines.add(String.format("| DuckDB alone, JDBC rows (`getArray`) | %,.0f | %.0f%% | |", jdbc, 100 * jdbc / arrow));
            lines.add(String.format("| `batches(256)` in order | %,.0f | %.0f%% | ≥ 80%% |", ordered, 100 * ordered / arrow));
            lines.add(String.format("| `batches(256)` shuffled (block shuffle + 32,768-row window) | %,.0f | %.0f%% | ≥ 50%% |", shuffled, 100 * shuffled / arrow));
            System.out.println("Rows: " + rows + " x (384-float embedding + int label), " + files.size() + " data file(s); best of 3 epochs.");
            System.out.println("| reader | rows/s | of baseline | target |");
            System.out.println("|---|---|---|---|");
            lines.forEach(System.out::println);
        }
    }

    private static void ingest(EmbeddedClient client, int rows) {
        Random r = new Random(3);
        int chunk = 100_000;
        for (int start = 0; start < rows; start += chunk) {
            int n = Math.min(chunk, rows - start);
            List<float[]> emb = new ArrayList<>(n);
            List<Integer> label = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                float[] v = new float[384];
                for (int j = 0; j < v.length; j++) {
                    v[j] = r.nextFloat();
                }
                emb.add(v);
                label.add(r.nextInt(1000));
            }
            Map<String, List<?>> data = new LinkedHashMap<>();
            data.put("embedding", emb);
            data.put("label", label);
            client.ingest("train", data, IngestOptions.builder().schema("label", "INT32").build());
        }
    }

    private static void epoch(Dataset ds, BatchOptions options) {
        double s = 0;
        try (Batches batches = ds.batches(options)) {
            while (batches.hasNext()) {
                ColumnBatch b = batches.next();
                float[] v = b.vectors("embedding");
                int[] label = b.ints("label");
                for (int i = 0; i < v.length; i += 97) {
                    s += v[i];
                }
                s += label[0];
            }
        }
        sink = s;
    }

    private static void duckdbArrow(EmbeddedClient client, String sql) {
        double s = 0;
        try (Connection c = client.engine().newConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql);
             BufferAllocator allocator = new RootAllocator();
             ArrowReader reader = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, 4096)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                Float4Vector values = (Float4Vector) ((ListVector) root.getVector(0)).getDataVector();
                float[] v = new float[values.getValueCount()];
                values.getDataBuffer().nioBuffer(0, v.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                for (int i = 0; i < v.length; i += 97) {
                    s += v[i];
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        sink = s;
    }

    private static void duckdbJdbc(EmbeddedClient client, String sql) {
        double s = 0;
        try (Connection c = client.engine().newConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Object[] v = (Object[]) rs.getArray(1).getArray();
                s += (Float) v[0] + rs.getInt(2);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        sink = s;
    }
}
