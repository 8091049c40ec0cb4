package ai.deeplake4j.formats.lerobot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.formats.FormatTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LeRobot v2 dataset of 3 episodes (lengths 3, 2, 4) in chunks of 2 episodes: chunk-000 holds
 * episodes 0 and 1, chunk-001 episode 2; two cameras with AV1 videos made by ffmpeg.
 */
class LeRobotTest {
    private static final int[] LENGTHS = {3, 2, 4};
    private static final List<String> CAMERAS = List.of("observation.images.top", "observation.images.wrist");

    @TempDir
    static Path root;

    @BeforeAll
    static void fixture() throws Exception {
        FormatTestSupport.write(root.resolve("meta/info.json"), """
                {"codebase_version": "v2.0", "robot_type": "koch", "total_episodes": 3, "total_frames": 9, "total_tasks": 2,
                 "chunks_size": 2, "fps": 10,
                 "data_path": "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet",
                 "video_path": "videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4",
                 "features": {
                   "action": {"dtype": "float32", "shape": [2], "names": ["a0", "a1"]},
                   "observation.state": {"dtype": "float32", "shape": [3], "names": ["s0", "s1", "s2"]},
                   "observation.images.top": {"dtype": "video", "shape": [48, 64, 3]},
                   "observation.images.wrist": {"dtype": "video", "shape": [48, 64, 3]},
                   "timestamp": {"dtype": "float32", "shape": [1]},
                   "frame_index": {"dtype": "int64", "shape": [1]},
                   "episode_index": {"dtype": "int64", "shape": [1]},
                   "index": {"dtype": "int64", "shape": [1]},
                   "task_index": {"dtype": "int64", "shape": [1]}}}
                """);
        FormatTestSupport.write(root.resolve("meta/tasks.jsonl"), """
                {"task_index": 0, "task": "Pick up the cube."}
                {"task_index": 1, "task": "Place the cube in the box."}
                """);
        FormatTestSupport.write(root.resolve("meta/episodes.jsonl"), """
                {"episode_index": 0, "tasks": ["Pick up the cube."], "length": 3}
                {"episode_index": 1, "tasks": ["Place the cube in the box."], "length": 2}
                {"episode_index": 2, "tasks": ["Pick up the cube.", "Place the cube in the box."], "length": 4}
                """);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            int index = 0;
            for (int e = 0; e < LENGTHS.length; e++) {
                Path file = root.resolve(String.format("data/chunk-%03d/episode_%06d.parquet", e / 2, e));
                Files.createDirectories(file.getParent());
                s.execute("COPY (SELECT [" + e + " + f, f * 0.5, -1.0 * " + e + "]::FLOAT[] AS \"observation.state\", "
                        + "[f * 0.25, " + e + "]::FLOAT[] AS action, (f / 10.0)::FLOAT AS timestamp, f::BIGINT AS frame_index, "
                        + e + "::BIGINT AS episode_index, (" + index + " + f)::BIGINT AS index, " + (e % 2) + "::BIGINT AS task_index "
                        + "FROM range(" + LENGTHS[e] + ") t(f)) TO '" + file + "' (FORMAT parquet)");
                index += LENGTHS[e];
                for (int c = 0; c < CAMERAS.size(); c++) {
                    Path video = root.resolve(String.format("videos/chunk-%03d/%s/episode_%06d.mp4", e / 2, CAMERAS.get(c), e));
                    Files.createDirectories(video.getParent());
                    av1(c == 0 ? "testsrc" : "smptebars", LENGTHS[e], video);
                }
            }
        }
    }

    private static void av1(String source, int frames, Path out) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", source + "=size=64x48:rate=10",
                "-frames:v", String.valueOf(frames), "-c:v", "libaom-av1", "-cpu-used", "8", out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "ffmpeg: " + log);
    }

    @Test
    void tasksAreOneRowPerLine() {
        List<Map<String, Object>> rows = FormatTestSupport.rows(new LeRobotTasks(root));
        assertEquals(List.of(Map.of("task_index", 0L, "task", "Pick up the cube."),
                Map.of("task_index", 1L, "task", "Place the cube in the box.")), rows);
    }

    @Test
    void framesOfAllChunksWithFlattenedStateAndAction() {
        LeRobotFrames frames = new LeRobotFrames(root, 0, 1);
        assertEquals(List.of("index", "episode_index", "frame_index", "task_index", "timestamp", "observation_state_0",
                "observation_state_1", "observation_state_2", "action_0", "action_1"), List.copyOf(frames.schema().keySet()));
        assertEquals(TypeKind.FLOAT32, frames.schema().get("observation_state_0").kind());
        List<Map<String, Object>> rows = FormatTestSupport.rows(frames);
        assertEquals(9, rows.size());
        int index = 0;
        for (int e = 0; e < LENGTHS.length; e++) {
            for (int f = 0; f < LENGTHS[e]; f++) {
                Map<String, Object> r = rows.get(index);
                assertEquals((long) index, r.get("index"));
                assertEquals((long) e, r.get("episode_index"));
                assertEquals((long) f, r.get("frame_index"));
                assertEquals((long) (e % 2), r.get("task_index"));
                assertEquals((float) (f / 10.0), ((Double) r.get("timestamp")).floatValue());
                assertEquals((float) (e + f), r.get("observation_state_0"));
                assertEquals(f * 0.5f, r.get("observation_state_1"));
                assertEquals((float) -e, r.get("observation_state_2"));
                assertEquals(f * 0.25f, r.get("action_0"));
                assertEquals((float) e, r.get("action_1"));
                index++;
            }
        }
        frames.close();
    }

    @Test
    void chunkEndIsInclusive() {
        try (LeRobotFrames first = new LeRobotFrames(root, 0, 0); LeRobotFrames second = new LeRobotFrames(root, 1, 1)) {
            assertEquals(List.of(0L, 1L), FormatTestSupport.rows(first).stream().map(r -> r.get("episode_index")).distinct().toList());
            assertEquals(List.of(2L), FormatTestSupport.rows(second).stream().map(r -> r.get("episode_index")).distinct().toList());
        }
        assertThrows(IngestException.class, () -> new LeRobotFrames(root, 5, 6).schema());
    }

    @Test
    void episodesCarryOneAv1VideoPerCamera() throws Exception {
        LeRobotEpisodes episodes = new LeRobotEpisodes(root);
        assertEquals(TypeKind.VIDEO, episodes.schema().get("observation_images_top").kind());
        List<Map<String, Object>> rows = FormatTestSupport.rows(episodes);
        assertEquals(3, rows.size());
        for (int e = 0; e < 3; e++) {
            Map<String, Object> r = rows.get(e);
            assertEquals(List.of("episode_index", "task", "length", "observation_images_top", "observation_images_wrist"),
                    List.copyOf(r.keySet()));
            assertEquals((long) e, r.get("episode_index"));
            assertEquals((long) LENGTHS[e], r.get("length"));
            for (String camera : CAMERAS) {
                Path video = root.resolve(String.format("videos/chunk-%03d/%s/episode_%06d.mp4", e / 2, camera, e));
                assertArrayEquals(Files.readAllBytes(video), (byte[]) r.get(camera.replace('.', '_')));
            }
        }
        assertEquals("Pick up the cube.", rows.get(0).get("task"));
        assertEquals("Pick up the cube.; Place the cube in the box.", rows.get(2).get("task"));
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                root.resolve("videos/chunk-000/observation.images.top/episode_000000.mp4").toString()).start();
        assertEquals("av1", new String(probe.getInputStream().readAllBytes()).trim());
    }

    @Test
    void wrongParquetSchemaAndMissingVideoAreErrorsNamingTheFile(@TempDir Path copy) throws Exception {
        copyTree(root, copy);
        Path bad = copy.resolve("data/chunk-001/episode_000002.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT 1::BIGINT AS index, 2 AS episode_index) TO '" + bad + "' (FORMAT parquet)");
        }
        IngestException e = assertThrows(IngestException.class, () -> FormatTestSupport.rows(new LeRobotFrames(copy, 0, 1)));
        assertTrue(e.getMessage().contains("episode_000002.parquet"), e.getMessage());
        LeRobotFrames skipping = new LeRobotFrames(copy, 0, 1);
        assertEquals(5, FormatTestSupport.rows(skipping, FormatTestSupport.skipping()).size());
        assertTrue(skipping.skipped().getFirst().path().endsWith("episode_000002.parquet"));

        Files.delete(copy.resolve("videos/chunk-000/observation.images.wrist/episode_000001.mp4"));
        IngestException v = assertThrows(IngestException.class, () -> FormatTestSupport.rows(new LeRobotEpisodes(copy)));
        assertTrue(v.getMessage().contains("episode_000001.mp4"), v.getMessage());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(from)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            Path t = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(t);
            } else {
                Files.copy(p, t);
            }
        }
    }
}
