package ai.deeplake4j.engine;

import ai.deeplake4j.api.ingest.IngestOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** Child process of {@link CrashRecoveryTest}: ingests v = 0, 1, 2, ... in commits of 1,000 rows. */
public final class IngestUntilKilled {
    public static void main(String[] args) {
        long rows = Long.parseLong(args[1]);
        try (EmbeddedClient client = EmbeddedClient.open(Path.of(args[0]))) {
            Map<String, List<?>> data = new LinkedHashMap<>();
            data.put("v", LongStream.range(0, rows).boxed().toList());
            data.put("text", LongStream.range(0, rows).mapToObj(i -> "row " + i).toList());
            System.out.println("started");
            client.ingest("crash", data, IngestOptions.builder().commitEvery(1_000).build());
            System.out.println("finished");
        }
    }
}
