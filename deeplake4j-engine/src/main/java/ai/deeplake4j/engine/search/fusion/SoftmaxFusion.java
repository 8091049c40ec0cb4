package ai.deeplake4j.engine.search.fusion;

import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.TopHits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pg_deeplake's hybrid fusion (ARCHITECTURE 2.3): take the top k of each arm, turn each arm's
 * scores into a softmax distribution {@code exp(min(s, 700)) / sum exp(min(s_j, 700))} (the clamp
 * keeps {@code exp} finite in double precision), multiply by the arm's weight and sum per row; a
 * row absent from an arm gets nothing from it. The result is sorted by the fused score, descending,
 * and cut to k. Fused scores lie in [0, sum of weights].
 */
public final class SoftmaxFusion implements FusionStrategy {

    /** Scores above this are clamped before {@code exp}, as pg_deeplake does. */
    public static final double CLAMP = 700;

    /** The name {@code softmax}. */
    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public List<Hit> fuse(List<Arm> arms, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        Map<String, Double> fused = new LinkedHashMap<>();
        for (Arm arm : arms) {
            List<Hit> top = arm.hits().subList(0, Math.min(k, arm.hits().size()));
            double sum = 0;
            double[] e = new double[top.size()];
            for (int i = 0; i < top.size(); i++) {
                e[i] = Math.exp(Math.min(top.get(i).score(), CLAMP));
                sum += e[i];
            }
            for (int i = 0; i < top.size(); i++) {
                fused.merge(top.get(i).id(), arm.weight() * e[i] / sum, Double::sum);
            }
        }
        TopHits best = new TopHits(k);
        fused.forEach(best::offer);
        return best.toList();
    }
}
