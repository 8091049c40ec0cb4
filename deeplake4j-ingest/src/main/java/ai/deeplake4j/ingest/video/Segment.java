package ai.deeplake4j.ingest.video;

/**
 * One planned cut of a video.
 *
 * @param index      the segment's {@code chunk_index}, from 0
 * @param start      start time in seconds from the file's start (a keyframe when copying)
 * @param end        end time in seconds; the next segment's start, or the file's duration
 * @param streamCopy true when the segment is cut by stream copy, false when it is re-encoded
 */
public record Segment(int index, double start, double end, boolean streamCopy) {
    /** The segment's length in seconds. */
    public double duration() {
        return end - start;
    }
}
