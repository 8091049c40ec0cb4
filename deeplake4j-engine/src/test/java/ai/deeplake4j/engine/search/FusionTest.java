package ai.deeplake4j.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.engine.search.fusion.Arm;
import ai.deeplake4j.engine.search.fusion.FusionStrategies;
import ai.deeplake4j.engine.search.fusion.ReciprocalRankFusion;
import ai.deeplake4j.engine.search.fusion.SoftmaxFusion;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {

    private final List<Hit> vector = List.of(new Hit("a", 0.9), new Hit("b", 0.8), new Hit("c", 0.1));
    private final List<Hit> text = List.of(new Hit("c", 5.0), new Hit("a", 2.0), new Hit("d", 1.0));

    @Test
    void softmaxFusionEqualsHandComputation() {
        List<Hit> fused = new SoftmaxFusion().fuse(List.of(new Arm("vector", vector, 0.7), new Arm("bm25", text, 0.3)), 3);
        // Top 3 of each arm; softmax per arm; weights 0.7 / 0.3.
        double sv = Math.exp(0.9) + Math.exp(0.8) + Math.exp(0.1);
        double st = Math.exp(5) + Math.exp(2) + Math.exp(1);
        double a = 0.7 * Math.exp(0.9) / sv + 0.3 * Math.exp(2) / st;
        double b = 0.7 * Math.exp(0.8) / sv;
        double c = 0.7 * Math.exp(0.1) / sv + 0.3 * Math.exp(5) / st;
        double d = 0.3 * Math.exp(1) / st;
        assertEquals(List.of("c", "a", "b"), fused.stream().map(Hit::id).toList());
        assertEquals(c, fused.get(0).score(), 1e-12);
        assertEquals(a, fused.get(1).score(), 1e-12);
        assertEquals(b, fused.get(2).score(), 1e-12);
        assertTrue(d < b);
    }

    @Test
    void softmaxFusionUsesOnlyTheTopKOfEachArm() {
        List<Hit> fused = new SoftmaxFusion().fuse(List.of(new Arm("vector", vector, 0.5), new Arm("bm25", text, 0.5)), 1);
        // k = 1: arm tops are a (softmax 1) and c (softmax 1), each weighted 0.5; tie broken by id.
        assertEquals(List.of(new Hit("a", 0.5)), fused);
    }

    @Test
    void softmaxFusionClampsScoresAt700() {
        List<Hit> big = List.of(new Hit("x", 1000), new Hit("y", 700));
        List<Hit> fused = new SoftmaxFusion().fuse(List.of(new Arm("bm25", big, 1.0)), 2);
        assertEquals(0.5, fused.get(0).score(), 1e-12);
        assertEquals(0.5, fused.get(1).score(), 1e-12);
    }

    @Test
    void reciprocalRankFusionEqualsHandComputation() {
        List<Hit> fused = new ReciprocalRankFusion().fuse(List.of(new Arm("vector", vector, 1), new Arm("bm25", text, 1)), 4);
        double a = 1.0 / 61 + 1.0 / 62;
        double c = 1.0 / 63 + 1.0 / 61;
        double b = 1.0 / 62;
        double d = 1.0 / 63;
        assertEquals(List.of("a", "c", "b", "d"), fused.stream().map(Hit::id).toList());
        assertEquals(a, fused.get(0).score(), 1e-15);
        assertEquals(c, fused.get(1).score(), 1e-15);
        assertEquals(b, fused.get(2).score(), 1e-15);
        assertEquals(d, fused.get(3).score(), 1e-15);
    }

    @Test
    void strategiesAreChosenByName() {
        assertInstanceOf(SoftmaxFusion.class, FusionStrategies.byName(null));
        assertInstanceOf(SoftmaxFusion.class, FusionStrategies.byName("SOFTMAX"));
        assertInstanceOf(ReciprocalRankFusion.class, FusionStrategies.byName("rrf"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FusionStrategies.byName("borda"));
        assertTrue(e.getMessage().contains("borda") && e.getMessage().contains("rrf"));
        assertThrows(IllegalArgumentException.class, () -> new Arm("v", vector, -1));
    }
}
