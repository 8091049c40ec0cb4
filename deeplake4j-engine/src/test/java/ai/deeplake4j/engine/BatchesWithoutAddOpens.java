package ai.deeplake4j.engine;

import ai.deeplake4j.api.dataset.Batches;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a JVM without {@code --add-opens=java.base/java.nio=ALL-UNNAMED} by {@link
 * DatasetJvmFlagTest}: ingests a few rows into the lake named by {@code args[0]}, asks for
 * batches and prints the exception's class and message on one line.
 */
public final class BatchesWithoutAddOpens {
    public static void main(String[] args) {
        try (EmbeddedClient client = EmbeddedClient.open(Path.of(args[0]))) {
            client.ingest("t", Map.of("x", List.of(1L, 2L, 3L)));
            try (Batches batches = client.openTable("t").batches(2)) {
                batches.next();
                System.out.println("NO ERROR");
            } catch (RuntimeException e) {
                System.out.println(e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
