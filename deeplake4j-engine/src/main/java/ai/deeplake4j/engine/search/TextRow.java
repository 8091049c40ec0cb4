package ai.deeplake4j.engine.search;

import java.util.Objects;

/**
 * A row's {@code _id} and its text, the input of exact BM25 and of text index builds.
 *
 * @param id   the row's {@code _id}
 * @param text the text; null is treated as empty
 */
public record TextRow(String id, String text) {
    public TextRow {
        Objects.requireNonNull(id, "id");
        text = text == null ? "" : text;
    }
}
