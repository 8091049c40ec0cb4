package ai.deeplake4j.ingest.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Cuts a whole video into its planned stream-copy segments with one ffmpeg run, handing each
 * segment on as soon as ffmpeg has finished it. One run instead of one per segment matters:
 * starting ffmpeg costs about as much as copying a 10-s 720p segment (BENCHMARKS.md).
 *
 * <p>The run has two outputs. The segment muxer copies the streams and starts a new MP4 at each
 * planned cut (each cut is a keyframe, so the muxer cuts exactly there). The frame output decodes
 * keyframes only ({@code -skip_frame nokey}) and keeps the first one at or after each cut,
 * which is the segment's first frame, naming each file by its time in milliseconds so it is
 * matched to its segment by time, never by count.
 *
 * <p>ffmpeg may run ahead of a slow consumer, so the temporary directory can hold up to the
 * whole copied video on disk (never in memory); files are deleted once handed on. The run as a
 * whole has a time limit: the tool timeout plus one second per second of video. Thread-safe.
 */
final class CopySegmenter {
    /** Segment files: seg_00000.mp4, seg_00001.mp4, ... */
    private static final String SEGMENT_PATTERN = "seg_%05d.mp4";
    /** Cut times are passed this much early so rounding never pushes a cut past its keyframe. */
    private static final double EPSILON = 0.001;
    private static final Duration POLL = Duration.ofMillis(15);

    /** Receives cut segments in order. */
    @FunctionalInterface
    interface Consumer {
        void accept(CutSegment segment) throws IOException;
    }

    private final FfmpegTools tools;
    private final Duration timeout;

    CopySegmenter(FfmpegTools tools, Duration timeout) {
        this.tools = tools;
        this.timeout = timeout;
    }

    /**
     * @param segments the plan, all stream copy, tiling the file
     * @param workDir  a private, empty temporary directory
     * @throws IOException when ffmpeg fails or overruns, or its cuts differ from the plan
     */
    void cut(Path input, VideoProbe probe, List<Segment> segments, Path workDir, Consumer consumer) throws IOException {
        Path filter = workDir.resolve("frames.filter");
        Files.writeString(filter, frameFilter(segments));
        List<String> command = command(input, probe, segments, workDir, filter);
        long deadline = System.nanoTime() + timeout.plusSeconds((long) Math.ceil(probe.duration())).toNanos();
        try (ProcessRunner.Running ffmpeg = ProcessRunner.start(command, null)) {
            for (Segment segment : segments) {
                boolean last = segment.index() == segments.size() - 1;
                Path file = workDir.resolve(segmentName(segment.index()));
                Path next = workDir.resolve(segmentName(segment.index() + 1));
                // Segment i is complete once ffmpeg has opened segment i+1 (the muxer closes one
                // before it opens the next), and its frame once a later frame exists.
                while (ffmpeg.isAlive() && (last || !Files.exists(next) || !laterFrameExists(workDir, segment))) {
                    if (System.nanoTime() > deadline) {
                        ffmpeg.kill();
                        throw new IOException("ffmpeg did not finish cutting within " + timeout.plusSeconds(
                                (long) Math.ceil(probe.duration())).toSeconds() + " s and was stopped; the file is probably damaged");
                    }
                    ffmpeg.waitFor(POLL);
                }
                if (!ffmpeg.isAlive()) {
                    ProcessRunner.Result result = ffmpeg.await(Duration.ZERO);
                    if (result.exitCode() != 0) {
                        throw new IOException("ffmpeg failed to cut segment " + segment.index() + ": " + result.firstError());
                    }
                    if (last && Files.exists(next)) {
                        throw new IOException("ffmpeg cut more segments than the keyframes planned ("
                                + segments.size() + "); the video's timestamps are inconsistent");
                    }
                }
                if (!Files.exists(file) || Files.size(file) == 0) {
                    throw new IOException("ffmpeg produced no data for segment " + segment.index() + " ("
                            + FfmpegArgs.seconds(segment.start()) + "-" + FfmpegArgs.seconds(segment.end())
                            + " s); the video is probably damaged");
                }
                byte[] mp4 = Files.readAllBytes(file);
                Files.delete(file);
                consumer.accept(new CutSegment(segment, mp4, takeFrame(workDir, segment)));
            }
        }
    }

    private List<String> command(Path input, VideoProbe probe, List<Segment> segments, Path workDir, Path filter) {
        String video = "0:" + probe.videoStream();
        List<String> c = new ArrayList<>(List.of(tools.ffmpeg(), "-nostdin", "-hide_banner", "-v", "error", "-y",
                // Only the frame output decodes; keyframes are all it needs.
                "-skip_frame", "nokey", "-i", input.toString()));
        // Output 1: the segments.
        c.addAll(List.of("-map", video, "-map", "0:a:0?", "-sn", "-dn"));
        c.addAll(FfmpegArgs.copyVideo(probe));
        c.addAll(FfmpegArgs.audio(probe, true));
        StringBuilder times = new StringBuilder();
        for (Segment s : segments.subList(1, segments.size())) {
            times.append(times.isEmpty() ? "" : ",").append(FfmpegArgs.seconds(s.start() - EPSILON));
        }
        if (times.isEmpty()) {
            // One segment: a cut time past the end, or the muxer would fall back to 2-s segments.
            times.append(FfmpegArgs.seconds(probe.duration() + 3600));
        }
        c.addAll(List.of("-f", "segment", "-segment_format", "mp4", "-segment_times", times.toString(),
                "-reset_timestamps", "1", "-avoid_negative_ts", "make_zero",
                workDir.resolve(SEGMENT_PATTERN).toString()));
        // Output 2: the first keyframe of each segment, named by its time in milliseconds.
        c.addAll(List.of("-map", video, "-filter_script:v", filter.toString(), "-vsync", "passthrough",
                "-enc_time_base", "1:1000", "-c:v", "bmp", "-f", "image2", "-frame_pts", "1",
                workDir.resolve("frame_%d.bmp").toString()));
        return c;
    }

    /**
     * A select filter keeping the first decoded frame at or after each cut, then scaling it. A file
     * rather than an argument: a long video has thousands of cuts.
     */
    private static String frameFilter(List<Segment> segments) {
        StringBuilder select = new StringBuilder("isnan(prev_selected_t)");
        for (Segment s : segments.subList(1, segments.size())) {
            String t = FfmpegArgs.seconds(s.start() - EPSILON);
            select.append("+gte(t,").append(t).append(")*lt(prev_selected_t,").append(t).append(')');
        }
        return "select='" + select + "'," + FfmpegArgs.FRAME_SCALE;
    }

    private static String segmentName(int index) {
        return String.format(Locale.ROOT, SEGMENT_PATTERN, index);
    }

    /** Frame files present, by their time in milliseconds. */
    private static TreeMap<Long, Path> frames(Path workDir) throws IOException {
        TreeMap<Long, Path> frames = new TreeMap<>();
        try (Stream<Path> files = Files.list(workDir)) {
            files.forEach(p -> {
                String name = p.getFileName().toString();
                if (name.startsWith("frame_") && name.endsWith(".bmp")) {
                    try {
                        frames.put(Long.parseLong(name.substring(6, name.length() - 4)), p);
                    } catch (NumberFormatException e) {
                        // Not one of ours.
                    }
                }
            });
        }
        return frames;
    }

    private static long millis(double seconds) {
        return Math.round((seconds - EPSILON) * 1000);
    }

    private static boolean laterFrameExists(Path workDir, Segment segment) throws IOException {
        return frames(workDir).ceilingKey(millis(segment.end())) != null;
    }

    /** Reads and deletes the segment's frame (and any stray frames before it); null when there is none. */
    private static BufferedImage takeFrame(Path workDir, Segment segment) throws IOException {
        TreeMap<Long, Path> frames = frames(workDir);
        BufferedImage image = null;
        for (var e : frames.headMap(millis(segment.end())).entrySet()) {
            if (image == null && e.getKey() >= millis(segment.start())) {
                image = ImageIO.read(e.getValue().toFile());
            }
            Files.delete(e.getValue());
        }
        return image;
    }
}
