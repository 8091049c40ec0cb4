package ai.deeplake4j.ingest.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a video's streams, duration and keyframe times with two ffprobe runs: one for the
 * container and stream headers (JSON), one over every video packet (packet headers only, no
 * decoding, so it is fast). The packet pass is also the damage check: ffprobe at log level
 * "error" prints only real faults, such as a truncated file's "partial file", and any such
 * message fails the file. Thread-safe.
 */
final class VideoProber {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FfmpegTools tools;
    private final Duration timeout;

    VideoProber(FfmpegTools tools, Duration timeout) {
        this.tools = tools;
        this.timeout = timeout;
    }

    /**
     * @throws IOException when ffprobe cannot read the file, finds no video stream or no
     *         duration, or reports damage; the message carries ffprobe's own words
     */
    VideoProbe probe(Path file) throws IOException {
        StringBuilder json = new StringBuilder();
        ProcessRunner.Result header = ProcessRunner.run(List.of(tools.ffprobe(), "-v", "error",
                "-print_format", "json", "-show_format", "-show_streams", file.toString()),
                timeout, line -> json.append(line).append('\n'));
        if (header.exitCode() != 0) {
            throw new IOException("not a readable video: ffprobe says " + header.firstError());
        }
        JsonNode root = JSON.readTree(json.toString());
        JsonNode video = firstStream(root, "video");
        if (video == null) {
            throw new IOException("not a video: the file has no video stream");
        }
        JsonNode audio = firstStream(root, "audio");
        double start = number(root.path("format").path("start_time"), 0.0);
        double declared = number(root.path("format").path("duration"), number(video.path("duration"), Double.NaN));

        List<Double> keyframes = new ArrayList<>();
        boolean[] allPts = {true};
        double[] lastPacket = {Double.NaN};
        ProcessRunner.Result packets = ProcessRunner.run(List.of(tools.ffprobe(), "-v", "error",
                "-select_streams", String.valueOf(video.path("index").asInt()), "-show_entries", "packet=pts_time,dts_time,flags",
                "-of", "csv=p=0", file.toString()), timeout, line -> {
                    String[] f = line.split(",", -1);
                    if (f.length < 3) {
                        return;
                    }
                    double pts = parse(f[0]);
                    double t = Double.isNaN(pts) ? parse(f[1]) : pts;
                    if (Double.isNaN(pts)) {
                        allPts[0] = false;
                    }
                    if (!Double.isNaN(t)) {
                        lastPacket[0] = Double.isNaN(lastPacket[0]) ? t - start : Math.max(lastPacket[0], t - start);
                        if (f[2].startsWith("K")) {
                            keyframes.add(t - start);
                        }
                    }
                });
        if (packets.exitCode() != 0 || !packets.stderr().isEmpty()) {
            throw new IOException("damaged video: ffprobe says " + packets.firstError());
        }
        // Live recordings (WebM, MKV) may declare no duration; the last packet's time is then
        // the best end we have (short by one frame, which the tolerance of the cuts allows).
        double duration = declared > 0 ? declared : lastPacket[0];
        if (!(duration > 0)) {
            throw new IOException("not a readable video: ffprobe reports no duration");
        }
        if (keyframes.isEmpty()) {
            throw new IOException("damaged video: no keyframe found in the video stream");
        }
        double[] sorted = keyframes.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
        return new VideoProbe(video.path("index").asInt(), duration, video.path("codec_name").asText("unknown"),
                audio == null ? null : audio.path("codec_name").asText(null),
                video.path("width").asInt(0), video.path("height").asInt(0), sorted, allPts[0]);
    }

    private static JsonNode firstStream(JsonNode root, String type) {
        for (JsonNode s : root.path("streams")) {
            // Cover art in MP4/MKV shows up as a one-frame "video" stream; it is not the video.
            if (type.equals(s.path("codec_type").asText()) && s.path("disposition").path("attached_pic").asInt(0) == 0) {
                return s;
            }
        }
        return null;
    }

    private static double number(JsonNode node, double fallback) {
        double v = node.isMissingNode() || node.isNull() ? Double.NaN : parse(node.asText());
        return Double.isNaN(v) ? fallback : v;
    }

    private static double parse(String s) {
        if (s == null || s.isEmpty() || s.equals("N/A")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
