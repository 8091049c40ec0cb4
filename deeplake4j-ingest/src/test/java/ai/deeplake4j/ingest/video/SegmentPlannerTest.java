package ai.deeplake4j.ingest.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class SegmentPlannerTest {
    private final SegmentPlanner planner = new SegmentPlanner(10);

    private static void assertTiles(List<Segment> segments, double duration) {
        assertEquals(0.0, segments.getFirst().start());
        for (int i = 0; i + 1 < segments.size(); i++) {
            assertEquals(segments.get(i).end(), segments.get(i + 1).start(), "gap or overlap after segment " + i);
            assertEquals(i, segments.get(i).index());
        }
        assertEquals(duration, segments.getLast().end());
    }

    @Test
    void copyCutsAtTheFirstKeyframeTenSecondsOrMoreAfterTheLastCut() {
        double[] keys = DoubleStream.iterate(0, t -> t < 35, t -> t + 1.5).toArray(); // 0, 1.5, ... 34.5
        List<Segment> s = planner.plan(35, keys, true);
        assertTiles(s, 35);
        assertEquals(List.of(0.0, 10.5, 21.0, 31.5), s.stream().map(Segment::start).toList());
        assertTrue(s.stream().allMatch(Segment::streamCopy));
    }

    @Test
    void shortTailIsMergedIntoThePreviousSegment() {
        double[] keys = {0, 5, 10, 20};
        List<Segment> s = planner.plan(21, keys, true);
        assertTiles(s, 21);
        assertEquals(List.of(0.0, 10.0), s.stream().map(Segment::start).toList());
        assertEquals(21.0, s.getLast().end());
    }

    @Test
    void sparseKeyframesFallBackToReencodingAtExactTenSecondMarks() {
        List<Segment> s = planner.plan(25, new double[] {0}, true);
        assertTiles(s, 25);
        assertEquals(List.of(0.0, 10.0, 20.0), s.stream().map(Segment::start).toList());
        assertFalse(s.getFirst().streamCopy());
    }

    @Test
    void notCopyableReencodesAndAVideoShorterThanASegmentIsOneRow() {
        List<Segment> s = planner.plan(8.1, new double[] {0, 1.1, 2.2}, false);
        assertEquals(1, s.size());
        assertEquals(8.1, s.getFirst().end());
        assertFalse(s.getFirst().streamCopy());
    }
}
