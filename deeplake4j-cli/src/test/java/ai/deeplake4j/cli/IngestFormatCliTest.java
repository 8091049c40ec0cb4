package ai.deeplake4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestFormatCliTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.onLake(dir.resolve("lake"), args);
    }

    @Test
    void cocoAndLeRobotTasksIngestWithoutPaths() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        ImageIO.write(new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB), "png", images.resolve("a.png").toFile());
        Path instances = Files.writeString(dir.resolve("instances.json"), """
                {"images": [{"id": 9, "file_name": "a.png", "width": 6, "height": 4}], "categories": [], "annotations": []}
                """);
        CliRun coco = run("ingest", "coco", "--format", "coco", "--images", images.toString(), "--instances", instances.toString());
        assertEquals(0, coco.code(), coco.err());
        assertTrue(coco.out().startsWith("Ingested 1 rows into coco"), coco.out());
        assertTrue(run("query", "SELECT image_id, filename FROM coco").out().contains("a.png"));

        Path robot = dir.resolve("robot");
        Files.createDirectories(robot.resolve("meta"));
        Files.writeString(robot.resolve("meta/tasks.jsonl"), "{\"task_index\": 0, \"task\": \"Fold the towel.\"}\n");
        CliRun tasks = run("ingest", "tasks", robot.toString(), "--format", "lerobot-tasks");
        assertEquals(0, tasks.code(), tasks.err());
        assertTrue(run("query", "SELECT task FROM tasks").out().contains("Fold the towel."));
    }

    @Test
    void missingFormatOptionIsAClearError() {
        CliRun r = run("ingest", "coco", "--format", "coco", "--images", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("needs --instances"), r.err());
        CliRun unknown = run("ingest", "t", "--format", "parquet");
        assertTrue(unknown.err().contains("unknown --format parquet"), unknown.err());
        CliRun none = run("ingest", "t");
        assertTrue(none.err().contains("give at least one PATH"), none.err());
    }
}
