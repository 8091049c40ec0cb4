package ai.deeplake4j.formats.lerobot;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.formats.common.ItemFormat;
import ai.deeplake4j.formats.common.JsonFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The episodes of a LeRobot v2 dataset, one row per line of {@code meta/episodes.jsonl}:
 * {@code episode_index} INT64, {@code task} TEXT (the episode's {@code tasks}, joined with
 * {@code "; "} when there are several), {@code length} INT64 (frames), and one VIDEO column per
 * camera (the features of dtype {@code video} in {@code meta/info.json}, named with dots as
 * underscores, e.g. {@code observation_images_top}) holding the episode's MP4 bytes as stored, found
 * through {@code video_path} of {@code info.json}. A missing video or a line without
 * {@code episode_index} is an {@link IngestException} naming it, or skipped with {@code skipFailedFiles}.
 */
public final class LeRobotEpisodes extends ItemFormat<LeRobotTasks.Line> {
    private final Path dir;
    private final Path file;
    private LeRobotInfo info;
    private List<String> cameras;

    /** @param dir the dataset's root directory (holding {@code meta/} and {@code videos/}) */
    public LeRobotEpisodes(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("meta").resolve("episodes.jsonl");
    }

    private void load() {
        if (info == null) {
            info = LeRobotInfo.read(dir);
            cameras = info.cameras();
        }
    }

    @Override
    public Map<String, ColumnType> schema() {
        load();
        Map<String, ColumnType> s = new LinkedHashMap<>();
        s.put("episode_index", ColumnType.of(TypeKind.INT64));
        s.put("task", ColumnType.of(TypeKind.TEXT));
        s.put("length", ColumnType.of(TypeKind.INT64));
        for (String c : cameras) {
            s.put(LeRobotInfo.column(c), ColumnType.of(TypeKind.VIDEO));
        }
        return s;
    }

    @Override
    protected List<LeRobotTasks.Line> items() {
        load();
        List<JsonNode> lines = JsonFiles.readLines(file);
        List<LeRobotTasks.Line> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.add(new LeRobotTasks.Line(i + 1, lines.get(i)));
        }
        return out;
    }

    @Override
    protected String name(LeRobotTasks.Line line) {
        return file + " line " + line.number();
    }

    @Override
    protected Map<String, Object> row(LeRobotTasks.Line line) throws IOException {
        String item = "line " + line.number();
        long episode = JsonFiles.require(line.json(), "episode_index", item, file).asLong();
        List<String> tasks = new ArrayList<>();
        line.json().path("tasks").forEach(t -> tasks.add(t.asText()));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("episode_index", episode);
        row.put("task", String.join("; ", tasks));
        row.put("length", JsonFiles.require(line.json(), "length", item, file).asLong());
        for (String camera : cameras) {
            Path video = info.videoFile(episode, camera);
            try {
                row.put(LeRobotInfo.column(camera), Files.readAllBytes(video));
            } catch (NoSuchFileException e) {
                throw new IngestException("Video file not found: " + video + " (episode " + episode + ", camera " + camera + ")");
            }
        }
        return row;
    }
}
