package ai.deeplake4j.engine.search.fusion;

import java.util.Locale;

/** Looks fusion strategies up by name. */
public final class FusionStrategies {
    private FusionStrategies() {
    }

    /** The default, pg_deeplake's softmax fusion. */
    public static FusionStrategy defaultStrategy() {
        return new SoftmaxFusion();
    }

    /**
     * The strategy named {@code softmax} (default; also {@code pg_deeplake}) or {@code rrf}
     * (also {@code reciprocal_rank}), case-insensitive; null means the default.
     *
     * @throws IllegalArgumentException for another name, listing the accepted ones
     */
    public static FusionStrategy byName(String name) {
        if (name == null) {
            return defaultStrategy();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "softmax", "pg_deeplake" -> new SoftmaxFusion();
            case "rrf", "reciprocal_rank" -> new ReciprocalRankFusion();
            default -> throw new IllegalArgumentException("Unknown fusion strategy: '" + name + "'. Use softmax (default) or rrf.");
        };
    }
}
