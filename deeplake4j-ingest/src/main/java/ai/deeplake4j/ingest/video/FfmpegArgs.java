package ai.deeplake4j.ingest.video;

import java.util.List;
import java.util.Locale;

/** ffmpeg arguments shared by the two ways of cutting segments. */
final class FfmpegArgs {
    /** Longer side of the grabbed frames in pixels: the largest thumbnail size. */
    static final int FRAME_BOX = 256;

    /** Scales a frame into the {@value #FRAME_BOX}-pixel box, aspect kept (small videos are scaled up). */
    static final String FRAME_SCALE = "scale=" + FRAME_BOX + ":" + FRAME_BOX + ":force_original_aspect_ratio=decrease";

    private FfmpegArgs() {
    }

    /** Seconds as ffmpeg reads them, with microsecond precision and a dot whatever the locale. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    /** Video codec arguments for a copied segment. */
    static List<String> copyVideo(VideoProbe probe) {
        return "hevc".equals(probe.videoCodec())
                ? List.of("-c:v", "copy", "-tag:v", "hvc1") // the tag Apple players require for HEVC in MP4
                : List.of("-c:v", "copy");
    }

    /** Audio arguments: copied when the video is copied and the codec fits MP4, else AAC. */
    static List<String> audio(VideoProbe probe, boolean videoCopied) {
        return videoCopied && Mp4Compatibility.audioCopyable(probe.audioCodec())
                ? List.of("-c:a", "copy")
                : List.of("-c:a", "aac", "-b:a", "128k");
    }
}
