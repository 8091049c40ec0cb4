package ai.deeplake4j.ingest.video;

/**
 * What ffprobe says about a video file, with times in seconds relative to the file's start
 * (the container's {@code start_time} subtracted, so the first frame is at about 0).
 *
 * @param videoStream    the index in the file of the video stream used (cover art is skipped)
 * @param duration       the container's duration in seconds, > 0
 * @param videoCodec     ffmpeg's name of the first video stream's codec (e.g. "h264")
 * @param audioCodec     the first audio stream's codec, or null when there is none
 * @param width          video width in pixels
 * @param height         video height in pixels
 * @param keyframes      presentation times of the video keyframes in seconds, ascending
 * @param hasTimestamps  true when every video packet has a presentation timestamp (AVI, for
 *                       one, has none, which rules out cutting by stream copy)
 */
record VideoProbe(int videoStream, double duration, String videoCodec, String audioCodec, int width, int height,
                         double[] keyframes, boolean hasTimestamps) {
}
