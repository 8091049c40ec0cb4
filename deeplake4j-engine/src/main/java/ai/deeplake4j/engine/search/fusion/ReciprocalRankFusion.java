package ai.deeplake4j.engine.search.fusion;

import ai.deeplake4j.engine.search.Hit;
import ai.deeplake4j.engine.search.TopHits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Buettcher, "Reciprocal Rank Fusion outperforms
 * Condorcet and individual Rank Learning Methods", SIGIR 2009): a row scores
 * {@code sum over arms of weight / (c + rank)} with 1-based ranks within each arm's top k and
 * {@code c = 60} by default. Scores of the arms are ignored, only their order counts. With equal
 * weights the order is that of the paper's unweighted RRF.
 */
public final class ReciprocalRankFusion implements FusionStrategy {

    /** The constant of the paper. */
    public static final int DEFAULT_RANK_CONSTANT = 60;

    private final int rankConstant;

    /** RRF with c = 60. */
    public ReciprocalRankFusion() {
        this(DEFAULT_RANK_CONSTANT);
    }

    /**
     * @param rankConstant c, at least 1
     * @throws IllegalArgumentException when {@code rankConstant < 1}
     */
    public ReciprocalRankFusion(int rankConstant) {
        if (rankConstant < 1) {
            throw new IllegalArgumentException("RRF rank constant must be >= 1, got " + rankConstant);
        }
        this.rankConstant = rankConstant;
    }

    /** The name {@code rrf}. */
    @Override
    public String name() {
        return "rrf";
    }

    @Override
    public List<Hit> fuse(List<Arm> arms, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        Map<String, Double> fused = new LinkedHashMap<>();
        for (Arm arm : arms) {
            int n = Math.min(k, arm.hits().size());
            for (int rank = 1; rank <= n; rank++) {
                fused.merge(arm.hits().get(rank - 1).id(), arm.weight() / (rankConstant + rank), Double::sum);
            }
        }
        TopHits best = new TopHits(k);
        fused.forEach(best::offer);
        return best.toList();
    }
}
