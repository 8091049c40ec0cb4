package ai.deeplake4j.engine.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test data: vectors drawn around random centroids (clustered, like real embeddings). */
public final class ClusteredVectors {
    private final float[][] centroids;
    private final Random random;
    private final double spread;

    public ClusteredVectors(long seed, int clusters, int dimension, double spread) {
        this.random = new Random(seed);
        this.spread = spread;
        this.centroids = new float[clusters][dimension];
        for (float[] c : centroids) {
            for (int j = 0; j < dimension; j++) {
                c[j] = (float) random.nextGaussian();
            }
        }
    }

    public float[] next() {
        float[] c = centroids[random.nextInt(centroids.length)];
        float[] v = new float[c.length];
        for (int j = 0; j < c.length; j++) {
            v[j] = (float) (c[j] + spread * random.nextGaussian());
        }
        return v;
    }

    /** Rows with ids "r0000000", "r0000001", ... */
    public List<VectorRow> rows(int n) {
        List<VectorRow> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new VectorRow(String.format("r%07d", i), next()));
        }
        return out;
    }
}
