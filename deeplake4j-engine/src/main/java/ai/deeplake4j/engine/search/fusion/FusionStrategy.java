package ai.deeplake4j.engine.search.fusion;

import ai.deeplake4j.engine.search.Hit;
import java.util.List;

/**
 * Combines the ranked lists of several search arms into one (hybrid search). Implementations are
 * stateless and chosen by {@link #name()} through {@link FusionStrategies#byName}.
 */
public interface FusionStrategy {

    /** The name users pass to choose this strategy, e.g. {@code softmax}, {@code rrf}. */
    String name();

    /**
     * Fuses the arms' first {@code k} hits into at most {@code k} hits, best first.
     *
     * @param k the query's LIMIT, at least 1
     * @throws IllegalArgumentException when {@code k < 1}
     */
    List<Hit> fuse(List<Arm> arms, int k);
}
