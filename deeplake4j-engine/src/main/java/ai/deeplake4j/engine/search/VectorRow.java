package ai.deeplake4j.engine.search;

import java.util.Objects;

/**
 * A row's {@code _id} and its embedding, the input of the exact route and of index builds.
 *
 * @param id     the row's {@code _id}
 * @param vector the embedding (float32), not copied
 */
public record VectorRow(String id, float[] vector) {
    public VectorRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
    }
}
