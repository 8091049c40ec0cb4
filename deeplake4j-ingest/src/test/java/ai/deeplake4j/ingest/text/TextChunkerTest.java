package ai.deeplake4j.ingest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextChunkerTest {

    private static String text(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + (i * 7 + i / 26) % 26));
        }
        return sb.toString();
    }

    @Test
    void chunksAreBoundedAndConsecutiveChunksOverlapExactly() {
        String t = text(5_432);
        List<String> chunks = new TextChunker(1000, 200).chunk(t);
        // starts 0, 800, 1600, ..., the last chunk ends at the end
        assertEquals(7, chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            assertTrue(chunks.get(i).length() <= 1000);
            assertEquals(t.substring(i * 800, Math.min(i * 800 + 1000, t.length())), chunks.get(i));
            if (i > 0) {
                String prev = chunks.get(i - 1);
                assertEquals(prev.substring(prev.length() - 200), chunks.get(i).substring(0, 200));
            }
        }
        assertTrue(t.endsWith(chunks.getLast()));
    }

    @Test
    void textShorterThanAChunkIsOneChunkAndEmptyTextNone() {
        assertEquals(List.of("hello"), new TextChunker(1000, 200).chunk("hello"));
        assertEquals(List.of(text(1000)), new TextChunker(1000, 200).chunk(text(1000)));
        assertEquals(List.of(), new TextChunker(1000, 200).chunk(""));
    }

    @Test
    void noChunkLiesInsideThePreviousOne() {
        // 1001 chars: second chunk starts at 800 and ends at 1001, not a chunk inside the first
        List<String> chunks = new TextChunker(1000, 200).chunk(text(1001));
        assertEquals(2, chunks.size());
        assertEquals(201, chunks.get(1).length());
    }

    @Test
    void surrogatePairsAreNeverSplit() {
        String t = "a".repeat(9) + "\uD83D\uDE00" + "b".repeat(20);
        for (String chunk : new TextChunker(10, 2).chunk(t)) {
            assertTrue(!Character.isHighSurrogate(chunk.charAt(chunk.length() - 1)) || chunk.equals(t.substring(t.length() - chunk.length())));
            assertTrue(!Character.isLowSurrogate(chunk.charAt(0)));
        }
    }

    @Test
    void invalidParametersNameTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TextChunker(0, 0)).getMessage().contains("chunk_size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TextChunker(100, 100)).getMessage().contains("chunk_overlap"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TextChunker(100, -1)).getMessage().contains("-1"));
    }
}
