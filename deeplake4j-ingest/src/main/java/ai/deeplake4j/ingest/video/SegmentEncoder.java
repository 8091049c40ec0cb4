package ai.deeplake4j.ingest.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Re-encodes one segment of a video into a standalone MP4 (H.264 yuv420p, CRF 23, preset
 * veryfast; AAC audio), playable everywhere, and grabs its first frame, in a single ffmpeg run
 * with two outputs: decoding happens anyway, so the frame costs nothing extra. The input is
 * seeked to the segment's start, so each run decodes at most one GOP before it. Used when
 * stream copy is impossible (codec unfit for MP4, no timestamps, sparse keyframes). Thread-safe.
 */
final class SegmentEncoder {
    private final FfmpegTools tools;
    private final Duration timeout;

    SegmentEncoder(FfmpegTools tools, Duration timeout) {
        this.tools = tools;
        this.timeout = timeout;
    }

    /**
     * @param workDir a private temporary directory; the files made there are deleted before return
     * @throws IOException when ffmpeg fails, times out, or produces an empty segment
     */
    CutSegment encode(Path input, VideoProbe probe, Segment segment, Path workDir) throws IOException {
        Path mp4 = workDir.resolve("segment-" + segment.index() + ".mp4");
        Path frame = workDir.resolve("frame-" + segment.index() + ".bmp");
        try {
            ProcessRunner.Result result = ProcessRunner.run(command(input, probe, segment, mp4, frame), timeout, null);
            String where = "segment " + segment.index() + " (" + FfmpegArgs.seconds(segment.start()) + "-"
                    + FfmpegArgs.seconds(segment.end()) + " s)";
            if (result.exitCode() != 0) {
                throw new IOException("ffmpeg failed to re-encode " + where + ": " + result.firstError());
            }
            if (!Files.exists(mp4) || Files.size(mp4) == 0) {
                throw new IOException("ffmpeg produced no data for " + where + "; the video is probably damaged");
            }
            BufferedImage image = Files.exists(frame) ? ImageIO.read(frame.toFile()) : null;
            return new CutSegment(segment, Files.readAllBytes(mp4), image);
        } finally {
            Files.deleteIfExists(mp4);
            Files.deleteIfExists(frame);
        }
    }

    private List<String> command(Path input, VideoProbe probe, Segment segment, Path mp4, Path frame) {
        String video = "0:" + probe.videoStream();
        List<String> c = new ArrayList<>(List.of(tools.ffmpeg(), "-nostdin", "-hide_banner", "-v", "error", "-y"));
        if (segment.start() > 0) {
            // Input seeking while transcoding is frame-accurate: frames before the start are decoded
            // from the previous keyframe and dropped.
            c.addAll(List.of("-ss", FfmpegArgs.seconds(segment.start())));
        }
        c.addAll(List.of("-i", input.toString()));
        // Output 1: the segment.
        c.addAll(List.of("-t", FfmpegArgs.seconds(segment.duration()), "-map", video, "-map", "0:a:0?", "-sn", "-dn",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
                // Odd sizes are not allowed in yuv420p H.264: round down to even.
                "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2"));
        c.addAll(FfmpegArgs.audio(probe, false));
        c.addAll(List.of("-avoid_negative_ts", "make_zero", "-f", "mp4", mp4.toString()));
        // Output 2: the first frame, as lossless BMP (the JPEG is made at thumbnail quality later).
        c.addAll(List.of("-map", video, "-frames:v", "1", "-vf", FfmpegArgs.FRAME_SCALE,
                "-c:v", "bmp", "-f", "image2", "-update", "1", frame.toString()));
        return c;
    }
}
