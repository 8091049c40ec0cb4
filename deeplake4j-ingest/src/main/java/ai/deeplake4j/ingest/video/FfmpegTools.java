package ai.deeplake4j.ingest.video;

/**
 * Where the {@code ffmpeg} and {@code ffprobe} executables are (ARCHITECTURE D6: the system's,
 * Debian package {@code ffmpeg}).
 *
 * @param ffmpeg  the ffmpeg command: a name looked up on {@code PATH} or an absolute path
 * @param ffprobe the ffprobe command, likewise
 */
public record FfmpegTools(String ffmpeg, String ffprobe) {

    public FfmpegTools {
        if (ffmpeg == null || ffmpeg.isBlank() || ffprobe == null || ffprobe.isBlank()) {
            throw new IllegalArgumentException("ffmpeg and ffprobe commands must be set, got " + ffmpeg + ", " + ffprobe);
        }
    }

    /**
     * The commands on {@code PATH}, unless the system properties {@code deeplake4j.ffmpeg} /
     * {@code deeplake4j.ffprobe} name others.
     */
    public static FfmpegTools system() {
        return new FfmpegTools(System.getProperty("deeplake4j.ffmpeg", "ffmpeg"),
                System.getProperty("deeplake4j.ffprobe", "ffprobe"));
    }
}
