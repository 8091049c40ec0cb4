package ai.deeplake4j.formats.lerobot;

import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.formats.common.ItemFormat;
import ai.deeplake4j.formats.common.JsonFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks of a LeRobot v2 dataset, one row per line of {@code meta/tasks.jsonl}:
 * {@code task_index} INT64 and {@code task} TEXT (the instruction). A line without either field is
 * an {@link ai.deeplake4j.api.error.IngestException} naming the file and line, or skipped with
 * {@code skipFailedFiles}.
 */
public final class LeRobotTasks extends ItemFormat<LeRobotTasks.Line> {
    private static final Map<String, ColumnType> SCHEMA = Map.of(
            "task_index", ColumnType.of(TypeKind.INT64), "task", ColumnType.of(TypeKind.TEXT));

    /** One line of the file, numbered from 1. */
    record Line(int number, JsonNode json) {
    }

    private final Path file;

    /** @param dir the dataset's root directory (holding {@code meta/}) */
    public LeRobotTasks(Path dir) {
        this.file = dir.resolve("meta").resolve("tasks.jsonl");
    }

    @Override
    public Map<String, ColumnType> schema() {
        Map<String, ColumnType> s = new LinkedHashMap<>();
        s.put("task_index", SCHEMA.get("task_index"));
        s.put("task", SCHEMA.get("task"));
        return s;
    }

    @Override
    protected List<Line> items() {
        List<JsonNode> lines = JsonFiles.readLines(file);
        return java.util.stream.IntStream.range(0, lines.size()).mapToObj(i -> new Line(i + 1, lines.get(i))).toList();
    }

    @Override
    protected String name(Line line) {
        return file + " line " + line.number();
    }

    @Override
    protected Map<String, Object> row(Line line) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("task_index", JsonFiles.require(line.json(), "task_index", "line " + line.number(), file).asLong());
        row.put("task", JsonFiles.require(line.json(), "task", "line " + line.number(), file).asText());
        return row;
    }
}
