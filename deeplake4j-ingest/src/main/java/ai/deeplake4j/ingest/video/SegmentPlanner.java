package ai.deeplake4j.ingest.video;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses where a video is cut into segments of about {@code target} seconds (ARCHITECTURE 2.8:
 * 10 s). Segments tile the file exactly: the first starts at 0, each starts where the previous
 * ended, the last ends at the duration.
 *
 * <p>Stream copy can only cut at keyframes, so when copying the cut after each segment is the
 * first keyframe at least {@code target} seconds after the segment's start. Copy is planned only
 * when it gives sensible segments: the video starts on a keyframe and no segment would be longer
 * than twice the target (sparse keyframes); otherwise the plan re-encodes and cuts at exact
 * multiples of the target. A trailing piece shorter than a quarter of the target is merged into
 * the segment before it. Pure and thread-safe.
 */
public final class SegmentPlanner {
    /** Keyframes at most this far from 0 count as "starts on a keyframe" (timestamp rounding). */
    private static final double START_TOLERANCE = 0.1;

    private final double target;

    /** @param target segment length in seconds, > 0 */
    public SegmentPlanner(double target) {
        if (!(target > 0)) {
            throw new IllegalArgumentException("segment length must be > 0 s, got " + target);
        }
        this.target = target;
    }

    /**
     * @param duration   the video's duration in seconds, > 0
     * @param keyframes  keyframe times in seconds, ascending
     * @param copyable   whether the codecs and timestamps allow stream copy at all
     * @return the segments in order, never empty
     */
    public List<Segment> plan(double duration, double[] keyframes, boolean copyable) {
        if (!(duration > 0)) {
            throw new IllegalArgumentException("duration must be > 0 s, got " + duration);
        }
        if (copyable && keyframes.length > 0 && keyframes[0] <= START_TOLERANCE) {
            List<Segment> copy = tile(duration, keyframeCuts(duration, keyframes), true);
            if (copy.stream().allMatch(s -> s.duration() <= 2 * target)) {
                return copy;
            }
        }
        List<Double> cuts = new ArrayList<>();
        for (double t = 0; duration - t >= target / 4 || cuts.isEmpty(); t += target) {
            cuts.add(t);
        }
        return tile(duration, cuts, false);
    }

    private List<Double> keyframeCuts(double duration, double[] keyframes) {
        List<Double> cuts = new ArrayList<>();
        cuts.add(0.0);
        for (double k : keyframes) {
            if (k >= cuts.getLast() + target && duration - k >= target / 4) {
                cuts.add(k);
            }
        }
        return cuts;
    }

    private static List<Segment> tile(double duration, List<Double> cuts, boolean copy) {
        List<Segment> segments = new ArrayList<>(cuts.size());
        for (int i = 0; i < cuts.size(); i++) {
            double end = i + 1 < cuts.size() ? cuts.get(i + 1) : duration;
            segments.add(new Segment(i, cuts.get(i), end, copy));
        }
        return segments;
    }
}
