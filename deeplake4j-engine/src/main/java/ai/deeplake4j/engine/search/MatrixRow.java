package ai.deeplake4j.engine.search;

import java.util.Objects;

/**
 * A row's {@code _id} and its 2-D embedding (one vector per token), for MaxSim.
 *
 * @param id     the row's {@code _id}
 * @param matrix the token vectors, all of one dimension, not copied
 */
public record MatrixRow(String id, float[][] matrix) {
    public MatrixRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(matrix, "matrix");
    }
}
