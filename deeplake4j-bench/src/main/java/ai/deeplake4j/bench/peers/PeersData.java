package ai.deeplake4j.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The peers kit's data set ({@code ../shared/peers/gen_data.py}) in {@code $PEERS_DATA}: rows in
 * {@code data.csv} (id, cat, text, embedding with 5 significant digits: what every system loads),
 * 100 query vectors ({@code q.f32}), their exact top-10 with and without the category filter and
 * 100 keyword queries ({@code queries.json}).
 *
 * @param dir        the data directory
 * @param rows       rows in the data set
 * @param dim        embedding dimension (384)
 * @param queries    query vectors
 * @param categories each query's category for the filtered search
 * @param truth      exact top-10 ids per query
 * @param truthFiltered exact top-10 ids per query within its category
 * @param keywords   two-word keyword queries
 */
record PeersData(Path dir, int rows, int dim, List<float[]> queries, int[] categories, List<List<Long>> truth,
                 List<List<Long>> truthFiltered, List<String> keywords) {

    /** One row of data.csv. */
    record Row(long id, int cat, String text, float[] embedding) {
    }

    static PeersData read(Path dir) throws IOException {
        JsonNode q = new ObjectMapper().readTree(dir.resolve("queries.json").toFile());
        int dim = q.get("dim").asInt();
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("q.f32"))).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> vectors = new ArrayList<>();
        while (buf.remaining() >= dim * 4) {
            float[] v = new float[dim];
            for (int i = 0; i < dim; i++) {
                v[i] = buf.getFloat();
            }
            vectors.add(v);
        }
        int[] cats = new int[vectors.size()];
        for (int i = 0; i < cats.length; i++) {
            cats[i] = q.get("qcat").get(i).asInt();
        }
        List<String> kw = new ArrayList<>();
        q.get("kw").forEach(k -> kw.add(k.asText()));
        return new PeersData(dir, q.get("n").asInt(), dim, vectors, cats, ids(q.get("gt")), ids(q.get("gt_filter")), kw);
    }

    private static List<List<Long>> ids(JsonNode lists) {
        List<List<Long>> out = new ArrayList<>();
        for (JsonNode l : lists) {
            List<Long> ids = new ArrayList<>();
            l.forEach(x -> ids.add(x.asLong()));
            out.add(ids);
        }
        return out;
    }

    Path csv() {
        return dir.resolve("data.csv");
    }

    /** Streams data.csv's rows: {@code id,cat,"text","[v1,...,vD]"} (texts hold only letters and spaces). */
    void forEachRow(Consumer<Row> sink) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv())) {
            String line;
            while ((line = in.readLine()) != null) {
                int c1 = line.indexOf(',');
                int c2 = line.indexOf(',', c1 + 1);
                int q2 = line.indexOf("\",\"[", c2);
                float[] v = new float[dim];
                int start = q2 + 4;
                for (int i = 0; i < dim; i++) {
                    int end = line.indexOf(i == dim - 1 ? ']' : ',', start);
                    v[i] = Float.parseFloat(line.substring(start, end));
                    start = end + 1;
                }
                sink.accept(new Row(Long.parseLong(line.substring(0, c1)), Integer.parseInt(line.substring(c1 + 1, c2)),
                        line.substring(c2 + 2, q2), v));
            }
        }
    }

    /** A warm-up vector unlike every query (as the kit's LanceDB driver makes them). */
    float[] warmVector(int i) {
        float[] v = queries.get((i * 7 + 3) % queries.size()).clone();
        for (int k = 0; k < dim; k++) {
            v[k] += (float) (Math.sin(i * 31 + k) * 0.5);
        }
        return v;
    }
}
