package ai.deeplake4j.cli;

import ai.deeplake4j.api.ingest.Format;
import ai.deeplake4j.formats.coco.Coco;
import ai.deeplake4j.formats.coco.CocoPanoptic;
import ai.deeplake4j.formats.lerobot.LeRobotEpisodes;
import ai.deeplake4j.formats.lerobot.LeRobotFrames;
import ai.deeplake4j.formats.lerobot.LeRobotTasks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --format} options of {@code deeplake4j ingest}: which dataset format to read and where
 * its parts are. LeRobot formats take the dataset directory and Hugging Face the dataset name from
 * {@code --dir} / {@code --dataset}, or else from the first PATH argument.
 */
final class FormatArgs {
    /** The format names {@code --format} accepts. */
    enum Kind {
        coco, coco_panoptic, lerobot_tasks, lerobot_frames, lerobot_episodes, huggingface;

        static Kind parse(String s) {
            try {
                return valueOf(s.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown --format " + s
                        + " (known: coco, coco-panoptic, lerobot-tasks, lerobot-frames, lerobot-episodes, huggingface)");
            }
        }
    }

    @Option(names = "--format", paramLabel = "NAME",
            description = "Dataset format: coco, coco-panoptic, lerobot-tasks, lerobot-frames, lerobot-episodes, huggingface.")
    String format;

    @Option(names = "--images", paramLabel = "DIR", description = "COCO: directory of the images.")
    Path images;

    @Option(names = "--masks", paramLabel = "DIR", description = "COCO panoptic: directory of the panoptic PNG masks.")
    Path masks;

    @Option(names = "--annotations", paramLabel = "FILE", description = "COCO panoptic: the panoptic JSON file.")
    Path annotations;

    @Option(names = "--instances", paramLabel = "FILE", description = "COCO: the instances JSON file.")
    Path instances;

    @Option(names = "--captions", paramLabel = "FILE", description = "COCO: the captions JSON file (optional).")
    Path captions;

    @Option(names = "--dir", paramLabel = "DIR", description = "LeRobot: the dataset directory (default: the first PATH).")
    Path dir;

    @Option(names = "--chunk-start", paramLabel = "N", description = "LeRobot frames: first chunk (default: ${DEFAULT-VALUE}).")
    int chunkStart = 0;

    @Option(names = "--chunk-end", paramLabel = "N", description = "LeRobot frames: last chunk, inclusive (default: ${DEFAULT-VALUE}).")
    int chunkEnd = 0;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Hugging Face: hub name or local directory (default: the first PATH).")
    String dataset;

    @Option(names = "--hf-config", paramLabel = "NAME", description = "Hugging Face: configuration (default: default).")
    String hfConfig;

    @Option(names = "--hf-split", paramLabel = "NAME", description = "Hugging Face: split (default: train).")
    String hfSplit;

    @Option(names = "--hf-revision", paramLabel = "REV", description = "Hugging Face: revision in the hub cache (default: main).")
    String hfRevision;

    boolean given() {
        return format != null;
    }

    boolean isHuggingFace() {
        return Kind.parse(format) == Kind.huggingface;
    }

    /**
     * The format to ingest (not for huggingface, which goes through data).
     *
     * @throws IllegalArgumentException naming the missing option
     */
    Format toFormat(List<Path> paths) {
        return switch (Kind.parse(format)) {
            case coco -> new Coco(required(images, "--images"), required(instances, "--instances"), captions);
            case coco_panoptic -> new CocoPanoptic(required(images, "--images"), required(masks, "--masks"),
                    required(annotations, "--annotations"));
            case lerobot_tasks -> new LeRobotTasks(root(paths));
            case lerobot_frames -> new LeRobotFrames(root(paths), chunkStart, chunkEnd);
            case lerobot_episodes -> new LeRobotEpisodes(root(paths));
            case huggingface -> throw new IllegalStateException("huggingface is ingested through its data map");
        };
    }

    /** The {@code {"_huggingface": ...}} data with the --hf-* options. */
    Map<String, List<?>> huggingFaceData(List<Path> paths) {
        String name = dataset != null ? dataset : paths == null || paths.isEmpty() ? null : paths.getFirst().toString();
        Map<String, List<?>> data = new LinkedHashMap<>();
        data.put("_huggingface", List.of(required(name, "--dataset (or a PATH)")));
        if (hfConfig != null) {
            data.put("_config", List.of(hfConfig));
        }
        if (hfSplit != null) {
            data.put("_split", List.of(hfSplit));
        }
        if (hfRevision != null) {
            data.put("_revision", List.of(hfRevision));
        }
        return data;
    }

    private Path root(List<Path> paths) {
        return required(dir != null ? dir : paths == null || paths.isEmpty() ? null : paths.getFirst(), "--dir (or a PATH)");
    }

    private <T> T required(T value, String option) {
        if (value == null) {
            throw new IllegalArgumentException("--format " + format + " needs " + option);
        }
        return value;
    }
}
