package ai.deeplake4j.engine;

import ai.deeplake4j.engine.index.IndexMetadata;
import ai.deeplake4j.engine.index.LuceneStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.codecs.Codec;

/**
 * A second process on a lake, driven line by line through stdin by {@link MultiProcessIndexTest}.
 * Commands: {@code QUERY <sql>}, {@code CREATE_INDEX <table> <column>} (if not exists: a catch-up
 * when it exists), {@code DROP_INDEX <table> <column>}, {@code HOLD <table> <column>} (takes the
 * index's writer, as a long build would), {@code RELEASE}, {@code EXIT}. Each answer is one line
 * starting with {@code >> }: {@code OK [values of each row's first column (EXPLAIN: explain_value), joined by |]} or
 * {@code ERR <exception class>: <message>}.
 */
public final class LakePeer {
    private LakePeer() {
    }

    public static void main(String[] args) throws IOException {
        Path lake = Path.of(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        LuceneStore held = null;
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] parts = line.split(" ", 2);
                String arg = parts.length > 1 ? parts[1] : "";
                String answer;
                try {
                    switch (parts[0]) {
                        case "QUERY" -> answer = "OK " + firstColumn(client.query(arg));
                        case "CREATE_INDEX" -> {
                            String[] tc = arg.split(" ");
                            client.createIndex(tc[0], tc[1], null);
                            answer = "OK";
                        }
                        case "DROP_INDEX" -> {
                            String[] tc = arg.split(" ");
                            client.dropIndex(tc[0], tc[1]);
                            answer = "OK";
                        }
                        case "HOLD" -> {
                            String[] tc = arg.split(" ");
                            held = hold(lake, tc[0], tc[1]);
                            answer = "OK";
                        }
                        case "RELEASE" -> {
                            held.close();
                            held = null;
                            answer = "OK";
                        }
                        case "EXIT" -> {
                            System.out.println(">> OK");
                            return;
                        }
                        default -> answer = "ERR unknown command " + parts[0];
                    }
                } catch (RuntimeException e) {
                    answer = "ERR " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ');
                }
                System.out.println(">> " + answer);
                System.out.flush();
            }
        }
    }

    private static String firstColumn(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> String.valueOf(r.containsKey("explain_value") ? r.get("explain_value") : r.values().iterator().next()))
                .collect(Collectors.joining("|"));
    }

    /**
     * Opens the index on {@code table.column} and takes its writer, holding Lucene's write lock
     * until the returned store is closed: what a process building or syncing the index does.
     */
    static LuceneStore hold(Path lake, String table, String column) {
        LuceneStore store = LuceneStore.open(indexDir(lake, table, column), Codec.getDefault(), new KeywordAnalyzer(), null);
        if (!store.acquireWriter(Duration.ZERO)) {
            store.close();
            throw new IllegalStateException("the index on " + table + "." + column + " is already held");
        }
        return store;
    }

    /** The directory of the index on {@code table.column}, found by its metadata (whatever the directory naming). */
    static Path indexDir(Path lake, String table, String column) {
        try (Stream<Path> all = Files.walk(lake)) {
            return all.filter(d -> Files.isDirectory(d) && hasCommit(d) && d.toString().contains("/" + table + "/"))
                    .filter(d -> column.equals(metadata(d).column()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no index on " + table + "." + column));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasCommit(Path d) {
        try (Stream<Path> files = Files.list(d)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
        } catch (IOException e) {
            return false;
        }
    }

    private static IndexMetadata metadata(Path d) {
        return LuceneStore.readMetadata(d);
    }
}
