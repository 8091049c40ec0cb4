package ai.deeplake4j.ingest.video;

import java.util.Set;

/**
 * Which codecs can be stream-copied into the MP4 segments we produce and still play in common
 * players. Others (Cinepak, MJPEG, Theora, VP8, PCM, Vorbis, ...) are re-encoded to H.264 / AAC.
 */
final class Mp4Compatibility {
    private static final Set<String> VIDEO = Set.of("h264", "hevc", "av1", "vp9", "mpeg4");
    private static final Set<String> AUDIO = Set.of("aac", "mp3", "ac3", "eac3", "alac");

    private Mp4Compatibility() {
    }

    static boolean videoCopyable(String codec) {
        return codec != null && VIDEO.contains(codec);
    }

    /** True also when there is no audio: nothing to re-encode then. */
    static boolean audioCopyable(String codec) {
        return codec == null || AUDIO.contains(codec);
    }
}
