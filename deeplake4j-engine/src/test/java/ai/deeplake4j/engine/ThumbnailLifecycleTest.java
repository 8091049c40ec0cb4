package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.ingest.IngestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace's thumbnails table follows its tables (issue 13): rows go with a drop, and it is no user table. */
class ThumbnailLifecycleTest {

    private static void ingestImages(EmbeddedClient client, String table, Path dir, String... names) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(table));
        for (String n : names) {
            Files.copy(Corpus.dir("image").resolve(n), folder.resolve(n));
        }
        client.ingest(table, Map.of("path", List.of(folder.toString())), IngestOptions.builder().schema("path", "FILE").build());
    }

    private static long count(EmbeddedClient client, String sql) {
        return ((Number) client.query(sql).getFirst().values().iterator().next()).longValue();
    }

    @Test
    void droppingATableDeletesItsThumbnailsAndTheThumbnailsTableIsNotListed(@TempDir Path lake, @TempDir Path files) throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            ingestImages(client, "a", files, "baboon.jpg", "coffee.png");
            ingestImages(client, "b", files, "rocket.jpg");
            ingestImages(client, "c", files, "wizard.png");
            assertEquals(16, count(client, "SELECT count(*) FROM thumbnails"), "four thumbnails per image");
            assertEquals(List.of("a", "b", "c"), client.listTables(), "thumbnails is not a user table");

            client.dropTable("a", false);
            assertEquals(8, count(client, "SELECT count(*) FROM thumbnails"), "a's 8 thumbnails went with it");
            client.query("DROP TABLE b");
            assertEquals(4, count(client, "SELECT count(*) FROM thumbnails"), "SQL DROP TABLE too");
            assertTrue(client.query("SELECT DISTINCT t.file_id FROM thumbnails t JOIN c ON t.file_id = CAST(c.file_id AS VARCHAR)")
                    .size() == 1, "c's thumbnails stay");
            assertEquals(List.of("c"), client.listTables());
        }
    }
}
