package ai.deeplake4j.ingest.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Cuts one segment out of a video into a standalone MP4 and grabs its first frame, in a single
 * ffmpeg run with two outputs (the input is opened and seeked once). Copied segments keep the
 * original streams (audio is re-encoded to AAC alone when its codec cannot go into MP4);
 * re-encoded ones become H.264 (yuv420p, CRF 23, preset veryfast) with AAC audio, playable
 * everywhere. The frame is scaled so its longer side is {@value #FRAME_BOX} px. Thread-safe.
 *
 * <p>Cost (BENCHMARKS.md): a copied 10-s 720p segment takes one ffmpeg start (about 60 ms here)
 * plus reading and writing its bytes; re-encoding is dominated by the H.264 encoder.
 */
final class SegmentExtractor {
    /** Longer side of the grabbed frame in pixels: the largest thumbnail size. */
    static final int FRAME_BOX = 256;

    /**
     * Seek this far past a copied segment's start keyframe and stop this far before the next:
     * ffmpeg seeks to the last keyframe at or before the seek time, so printing a keyframe time
     * rounded to microseconds could otherwise land one keyframe early or take one frame too many.
     * Far less than a frame (a frame lasts at least 4 ms at 240 fps).
     */
    private static final double EPSILON = 0.0005;

    /**
     * A cut segment.
     *
     * @param mp4   the segment file's bytes
     * @param frame its first frame, longer side {@value #FRAME_BOX} px
     */
    record Extracted(byte[] mp4, BufferedImage frame) {
    }

    private final FfmpegTools tools;
    private final Duration timeout;

    SegmentExtractor(FfmpegTools tools, Duration timeout) {
        this.tools = tools;
        this.timeout = timeout;
    }

    /**
     * @param workDir a private temporary directory; the files made there are deleted before return
     * @throws IOException when ffmpeg fails, times out, or produces an empty segment
     */
    Extracted extract(Path input, VideoProbe probe, Segment segment, Path workDir) throws IOException {
        Path mp4 = workDir.resolve("segment-" + segment.index() + ".mp4");
        Path frame = workDir.resolve("frame-" + segment.index() + ".bmp");
        try {
            ProcessRunner.Result result = ProcessRunner.run(command(input, probe, segment, mp4, frame), timeout, null);
            if (result.exitCode() != 0) {
                throw new IOException("ffmpeg failed on segment " + segment.index() + " ("
                        + seconds(segment.start()) + "-" + seconds(segment.end()) + " s): " + result.firstError());
            }
            if (!Files.exists(mp4) || Files.size(mp4) == 0) {
                throw new IOException("ffmpeg produced no data for segment " + segment.index() + " ("
                        + seconds(segment.start()) + "-" + seconds(segment.end()) + " s); the video is probably damaged");
            }
            BufferedImage image = Files.exists(frame) ? ImageIO.read(frame.toFile()) : null;
            return new Extracted(Files.readAllBytes(mp4), image);
        } finally {
            Files.deleteIfExists(mp4);
            Files.deleteIfExists(frame);
        }
    }

    private List<String> command(Path input, VideoProbe probe, Segment segment, Path mp4, Path frame) {
        boolean copy = segment.streamCopy();
        double seek = copy ? segment.start() + EPSILON : segment.start();
        double length = copy ? segment.duration() - 2 * EPSILON : segment.duration();
        List<String> c = new ArrayList<>(List.of(tools.ffmpeg(), "-nostdin", "-hide_banner", "-v", "error", "-y"));
        if (copy) {
            // Nothing is decoded for a copied segment except the frame grab; decoding only
            // keyframes (and keeping the one we seeked to, which starts the segment) makes that
            // grab cost one frame instead of decoding the whole segment.
            c.addAll(List.of("-skip_frame", "nokey", "-noaccurate_seek"));
        }
        if (segment.start() > 0) {
            c.addAll(List.of("-ss", seconds(seek)));
        }
        c.addAll(List.of("-i", input.toString()));
        // Output 1: the segment.
        String video = "0:" + probe.videoStream();
        c.addAll(List.of("-t", seconds(length), "-map", video, "-map", "0:a:0?", "-sn", "-dn"));
        if (copy) {
            c.addAll(List.of("-c:v", "copy"));
            if ("hevc".equals(probe.videoCodec())) {
                c.addAll(List.of("-tag:v", "hvc1")); // the tag Apple players require for HEVC in MP4
            }
        } else {
            c.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
                    // Odd sizes are not allowed in yuv420p H.264: round down to even.
                    "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2"));
        }
        if (copy && Mp4Compatibility.audioCopyable(probe.audioCodec())) {
            c.addAll(List.of("-c:a", "copy"));
        } else {
            c.addAll(List.of("-c:a", "aac", "-b:a", "128k"));
        }
        // No "+faststart": the segment is stored and read whole, and moving the index to the
        // front would rewrite the file, which costs about as much as the cut itself.
        c.addAll(List.of("-avoid_negative_ts", "make_zero", "-f", "mp4", mp4.toString()));
        // Output 2: the first frame, scaled into the thumbnail box, as lossless BMP (we encode
        // the JPEG ourselves at the thumbnail quality).
        c.addAll(List.of("-map", video, "-frames:v", "1",
                "-vf", "scale=" + FRAME_BOX + ":" + FRAME_BOX + ":force_original_aspect_ratio=decrease",
                "-c:v", "bmp", "-f", "image2", "-update", "1", frame.toString()));
        return c;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }
}
