package ai.deeplake4j.engine.search;

/**
 * Vector arithmetic shared by the exact and index routes. Sums are accumulated in {@code double}
 * so exact scores are reproducible to about 1e-7 whatever the dimension.
 */
public final class VectorMath {
    private VectorMath() {
    }

    /** The dot product of two vectors of equal length. */
    public static double dot(float[] a, float[] b) {
        checkSameDimension(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** The Euclidean norm. */
    public static double norm(float[] a) {
        double s = 0;
        for (float x : a) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * Cosine similarity in [-1, 1]: {@code a.b / (|a| |b|)}. A zero vector has no direction; its
     * similarity to anything is defined as 0.
     *
     * @throws IllegalArgumentException when the lengths differ (the message names both)
     */
    public static double cosine(float[] a, float[] b) {
        checkSameDimension(a, b);
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        return dot / (Math.sqrt(na) * Math.sqrt(nb));
    }

    /** A unit-length copy of {@code v}; a zero vector is returned as a zero copy. */
    public static float[] normalized(float[] v) {
        double n = norm(v);
        float[] out = new float[v.length];
        if (n == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }

    /**
     * MaxSim (late interaction, as ColBERT, Khattab and Zaharia 2020): the sum over query vectors of
     * the maximum cosine similarity to any document vector. An empty document scores 0.
     *
     * @param query query token vectors, each of the same dimension as the document's
     * @param doc   document token vectors
     */
    public static double maxSim(float[][] query, float[][] doc) {
        double sum = 0;
        for (float[] q : query) {
            double best = Double.NEGATIVE_INFINITY;
            for (float[] d : doc) {
                best = Math.max(best, cosine(q, d));
            }
            sum += doc.length == 0 ? 0 : best;
        }
        return sum;
    }

    /** Mean of the rows of a matrix, normalized to unit length (the pooled vector of a 2-D embedding). */
    public static float[] pooled(float[][] matrix, int dimension) {
        double[] acc = new double[dimension];
        for (float[] row : matrix) {
            float[] unit = normalized(row);
            if (unit.length != dimension) {
                throw new IllegalArgumentException("Matrix row has dimension " + unit.length + ", expected " + dimension + ".");
            }
            for (int i = 0; i < dimension; i++) {
                acc[i] += unit[i];
            }
        }
        float[] mean = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            mean[i] = (float) acc[i];
        }
        return normalized(mean);
    }

    /**
     * @throws IllegalArgumentException naming both dimensions when they differ
     */
    public static void checkSameDimension(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Vector dimensions differ: " + a.length + " and " + b.length + ".");
        }
    }
}
