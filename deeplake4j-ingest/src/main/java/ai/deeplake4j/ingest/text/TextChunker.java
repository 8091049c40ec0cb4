package ai.deeplake4j.ingest.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-length character chunker (Deeplake's text rule, ARCHITECTURE 2.5): chunks of at most
 * {@code chunkSize} characters, each starting {@code chunkSize - chunkOverlap} after the previous,
 * so consecutive chunks share exactly {@code chunkOverlap} characters. The last chunk ends at the
 * end of the text; no chunk lies wholly inside the previous one. A surrogate pair is never split:
 * a boundary that would fall inside one moves back by one char.
 */
public final class TextChunker {
    private final int chunkSize;
    private final int chunkOverlap;

    /**
     * @param chunkSize    maximum chunk length in chars, &gt; 0 (Deeplake default 1000)
     * @param chunkOverlap chars shared by consecutive chunks, 0 &lt;= overlap &lt; chunkSize (default 200)
     * @throws IllegalArgumentException naming the bad value
     */
    public TextChunker(int chunkSize, int chunkOverlap) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk_size must be > 0, got " + chunkSize);
        }
        if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
            throw new IllegalArgumentException("chunk_overlap must be >= 0 and < chunk_size (" + chunkSize + "), got " + chunkOverlap);
        }
        this.chunkSize = chunkSize;
        this.chunkOverlap = chunkOverlap;
    }

    /** The chunks of {@code text} in order; none for an empty text. */
    public List<String> chunk(String text) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = Math.min(start + chunkSize, length);
            if (end < length && Character.isHighSurrogate(text.charAt(end - 1)) && end - 1 > start) {
                end--;
            }
            chunks.add(text.substring(start, end));
            if (end == length) {
                break;
            }
            int next = end - chunkOverlap;
            if (next <= start) {
                next = end; // only possible after a surrogate adjustment with a tiny chunk size
            }
            start = next;
        }
        return chunks;
    }
}
