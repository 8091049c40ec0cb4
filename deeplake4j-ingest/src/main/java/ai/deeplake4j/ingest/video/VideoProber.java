package ai.deeplake4j.ingest.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a video's streams, duration and keyframe times with two ffprobe runs: one for the
 * container and stream headers (JSON), one over every video packet (packet headers only, no
 * decoding, so it is fast). The packet pass is also the damage check, decided by decoding: when
 * ffprobe reports faults (a truncated file's "partial file", a slice error in one frame), ffmpeg
 * decodes the video stream, and the file is refused only when ffmpeg fails or decodes fewer than
 * {@value #MIN_DECODED_SHARE} of the frames the file declares. A playable file with a flaw in
 * one frame (ffmpeg decodes 455 of 456) is ingested, with a logged warning naming the file.
 * Thread-safe.
 */
final class VideoProber {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(VideoProber.class);
    /** The share of declared frames ffmpeg must decode for a file that ffprobe reports faults in. */
    static final double MIN_DECODED_SHARE = 0.9;

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
        long[] packetCount = {0};
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
                    packetCount[0]++;
                    if (!Double.isNaN(t)) {
                        lastPacket[0] = Double.isNaN(lastPacket[0]) ? t - start : Math.max(lastPacket[0], t - start);
                        if (f[2].startsWith("K")) {
                            keyframes.add(t - start);
                        }
                    }
                });
        if (packets.exitCode() != 0) {
            throw new IOException("damaged video: ffprobe says " + packets.firstError());
        }
        if (!packets.stderr().isEmpty()) {
            long frames = Math.max(video.path("nb_frames").asLong(0), packetCount[0]);
            long decoded = decodedFrames(file, video.path("index").asInt());
            if (decoded <= 0 || decoded < MIN_DECODED_SHARE * frames) {
                throw new IOException("damaged video: ffmpeg decodes " + Math.max(decoded, 0) + " of " + frames
                        + " frames; ffprobe says " + packets.firstError());
            }
            LOG.warn("{}: ffprobe reports \"{}\", but ffmpeg decodes {} of {} frames; ingesting it",
                    file.getFileName(), packets.firstError(), decoded, frames);
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

    /**
     * Decodes the video stream to nowhere and returns the number of frames ffmpeg produced, or -1
     * when ffmpeg fails.
     */
    private long decodedFrames(Path file, int streamIndex) throws IOException {
        long[] frames = {0};
        ProcessRunner.Result decode = ProcessRunner.run(List.of(tools.ffmpeg(), "-nostdin", "-hide_banner", "-v", "error",
                "-i", file.toString(), "-map", "0:" + streamIndex, "-f", "null", "-progress", "pipe:1", "-nostats", "-"),
                timeout, line -> {
                    if (line.startsWith("frame=")) {
                        frames[0] = Math.max(frames[0], (long) parse(line.substring("frame=".length())));
                    }
                });
        return decode.exitCode() == 0 ? frames[0] : -1;
    }

    /** The container's duration in seconds from its header (fast), or NaN when ffprobe cannot tell. */
    double containerDuration(Path file) {
        StringBuilder out = new StringBuilder();
        try {
            ProcessRunner.Result r = ProcessRunner.run(List.of(tools.ffprobe(), "-v", "error", "-show_entries", "format=duration",
                    "-of", "csv=p=0", file.toString()), timeout, out::append);
            return r.exitCode() == 0 ? parse(out.toString()) : Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
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
