package ai.deeplake4j.engine;

import java.nio.file.Path;

/**
 * Child process of {@link ViewFreshnessTest}: on the lake {@code args[0]}, inserts the ids
 * {@code args[2] .. args[2] + args[3] - 1} into table {@code args[1]}, one committed INSERT each, and exits.
 */
public final class InsertRows {
    private InsertRows() {
    }

    public static void main(String[] args) {
        long first = Long.parseLong(args[2]);
        int count = Integer.parseInt(args[3]);
        try (EmbeddedClient client = EmbeddedClient.open(Path.of(args[0]))) {
            for (long id = first; id < first + count; id++) {
                client.query("INSERT INTO " + args[1] + " (id) VALUES ($1)", id);
            }
        }
    }
}
