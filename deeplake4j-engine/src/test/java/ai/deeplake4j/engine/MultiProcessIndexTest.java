package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.engine.index.LuceneStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one lake with search indexes: this JVM and a {@link LakePeer} child. Searches
 * never need an index's write lock, in either direction; rows committed by one process are found
 * by the other; a second writer (drop, catch-up) waits for the lock and then either succeeds or
 * fails with a TableException naming the table, column and the holder's pid.
 */
class MultiProcessIndexTest {
    private static final int N = 300;
    private static final int DIM = 8;
    private static final String[] WORDS = {"river", "stone", "cloud", "forest", "ember", "glass", "harbor", "meadow"};

    @TempDir
    Path lake;
    EmbeddedClient client;
    Peer peer;
    final Random random = new Random(11);
    float[] q;

    @BeforeEach
    void open() {
        client = EmbeddedClient.open(lake);
        Map<String, List<?>> data = new LinkedHashMap<>();
        List<Long> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<List<Float>> emb = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            ids.add((long) i);
            texts.add(WORDS[i % 8] + " " + WORDS[(i / 8) % 8] + " " + WORDS[(i / 64) % 8]);
            emb.add(toList(randomVector()));
        }
        data.put("id", ids);
        data.put("text", texts);
        data.put("embedding", emb);
        client.ingest("docs", data);
        client.createIndex("docs", "text", "bm25");
        client.createIndex("docs", "embedding", null);
        q = randomVector();
    }

    @AfterEach
    void close() throws Exception {
        if (peer != null) {
            peer.close();
        }
        client.close();
    }

    @Test
    void aSecondProcessSearchesIndexesTheFirstHasOpenAndTheFirstSearchesThemBack() throws Exception {
        String vector = vectorSql(q, 5);
        String text = "SELECT id, text <#> 'ember harbor' AS s FROM docs ORDER BY s DESC, id LIMIT 5";
        List<String> vectorHere = ids(client.query(vector));
        List<String> textHere = ids(client.query(text));
        assertEquals(5, vectorHere.size());
        assertEquals(5, textHere.size());

        peer = Peer.start(lake);
        assertEquals("OK " + String.join("|", vectorHere), peer.call("QUERY " + vector), "vector search in the second process");
        assertEquals("OK " + String.join("|", textHere), peer.call("QUERY " + text), "BM25 search in the second process");

        // and the other way round: the child has the indexes open, a fresh client here searches them
        client.close();
        client = EmbeddedClient.open(lake);
        assertEquals("OK " + String.join("|", textHere), peer.call("QUERY " + text));
        assertEquals(vectorHere, ids(client.query(vector)));
        assertEquals(textHere, ids(client.query(text)));
        assertEquals("OK " + String.join("|", vectorHere), peer.call("QUERY " + vector));
    }

    @Test
    void rowsCommittedWhileAnotherProcessHoldsTheWriterAreFoundAndSecondWritersWaitOrFailClearly() throws Exception {
        peer = Peer.start(lake);
        String vector = vectorSql(q, 3);
        String zebra = "SELECT id, text <#> 'zebra' AS s FROM docs ORDER BY s DESC, id LIMIT 2";
        assertEquals(3, peer.call("QUERY " + vector).split("\\|").length);

        LuceneStore textWriter = LakePeer.hold(lake, "docs", "text");
        LuceneStore vectorWriter = LakePeer.hold(lake, "docs", "embedding");
        try {
            client.query("INSERT INTO docs (id, text, embedding) VALUES (1000, 'zebra crossing ember', $1), (1001, 'zebra', $2)",
                    q, randomVector());
            // the child can neither sync nor wait: the new rows are scored exactly and merged
            assertTrue(peer.call("QUERY " + vector).startsWith("OK 1000|"), "the new row nearest to the query");
            assertEquals("OK 1001|1000", peer.call("QUERY " + zebra), "BM25 over the new rows");
            String route = peer.call("QUERY EXPLAIN " + zebra);
            assertTrue(route.contains("another process or client is writing it"), route);

            String pid = "pid " + ProcessHandle.current().pid();
            String drop = peer.call("DROP_INDEX docs text");
            assertTrue(drop.startsWith("ERR IndexBusyException") && drop.contains("column text of table docs") && drop.contains(pid), drop);
            String catchUp = peer.call("CREATE_INDEX docs embedding");
            assertTrue(catchUp.startsWith("ERR IndexBusyException") && catchUp.contains("column embedding of table docs")
                    && catchUp.contains(pid), catchUp);
            assertEquals(List.of("1000"), ids(client.query(vectorSql(q, 1))), "this process merges exactly too");
        } finally {
            vectorWriter.close();
        }
        // the child's catch-up can now take the writer; its commit is what this process then searches
        assertEquals("OK", peer.call("CREATE_INDEX docs embedding"));
        Thread.sleep(1_500); // a search here looks for another process's catch-up at most once a second
        String route = client.query("EXPLAIN " + vectorSql(q, 3)).getFirst().get("explain_value").toString();
        assertTrue(route.contains("index clustered") && !route.contains("committed since"), "synced by the child: " + route);
        assertEquals("1000", ids(client.query(vectorSql(q, 3))).getFirst());

        // a drop waits for the writer: released while it waits, it succeeds
        peer.send("DROP_INDEX docs text");
        Thread.sleep(1_000);
        textWriter.close();
        assertEquals("OK", peer.answer());
        assertEquals(List.of("1001", "1000"), ids(client.query(zebra)), "dropped by the child: scored exactly here");
        assertEquals(null, client.describeTable("docs").column("text").index());
    }

    private static String vectorSql(float[] v, int k) {
        String literal = Arrays.toString(toList(v).toArray());
        return "SELECT id, embedding <#> '" + literal + "' AS s FROM docs ORDER BY s DESC LIMIT " + k;
    }

    private float[] randomVector() {
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            v[j] = (float) random.nextGaussian();
        }
        return v;
    }

    private static List<Float> toList(float[] v) {
        List<Float> l = new ArrayList<>();
        for (float x : v) {
            l.add(x);
        }
        return l;
    }

    private static List<String> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> String.valueOf(r.get("id"))).collect(Collectors.toList());
    }

    /** The child process and its line protocol ({@link LakePeer}). */
    private record Peer(Process process, Writer in, BlockingQueue<String> answers) implements AutoCloseable {
        static Peer start(Path lake) throws IOException {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), LakePeer.class.getName(), lake.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BlockingQueue<String> answers = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith(">> ")) {
                            answers.add(line.substring(3));
                        }
                    }
                } catch (IOException e) {
                    answers.add("ERR child output: " + e.getMessage());
                }
            });
            reader.setDaemon(true);
            reader.start();
            return new Peer(p, new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), answers);
        }

        void send(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
        }

        String answer() throws InterruptedException {
            String a = answers.poll(120, TimeUnit.SECONDS);
            assertTrue(a != null, "the child answered within 120 s");
            return a;
        }

        String call(String command) throws IOException, InterruptedException {
            send(command);
            return answer();
        }

        @Override
        public void close() throws Exception {
            try {
                call("EXIT");
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "child exited");
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
