package ai.deeplake4j.engine.index;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;

/**
 * Row id (UUID text) to global document number for one index reader: an open-addressing table of
 * the ids' 128 bits, about 40 bytes per document. It turns the id set of a WHERE pre-filter into
 * a document bit set with one probe per id, where a term query would seek the terms dictionary
 * once per id. Built once per reader (after each refresh); immutable, thread-safe.
 */
final class IdDocMap {
    private final long[] hi;
    private final long[] lo;
    private final int[] docs;
    private final int mask;
    private final boolean complete;

    private IdDocMap(int capacity) {
        int cap = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        hi = new long[cap];
        lo = new long[cap];
        docs = new int[cap];
        Arrays.fill(docs, -1);
        mask = cap - 1;
        complete = true;
    }

    private IdDocMap(boolean complete) {
        hi = lo = new long[0];
        docs = new int[0];
        mask = 0;
        this.complete = complete;
    }

    /** Maps every document of {@code reader}; returns an unusable map when an id is not a UUID. */
    static IdDocMap build(IndexReader reader) throws IOException {
        IdDocMap map = new IdDocMap(Math.max(1, reader.maxDoc()));
        long[] bits = new long[2];
        for (LeafReaderContext ctx : reader.leaves()) {
            BinaryDocValues ids = ctx.reader().getBinaryDocValues(LuceneStore.ID_FIELD);
            if (ids == null) {
                continue;
            }
            for (int d = ids.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = ids.nextDoc()) {
                BytesRef b = ids.binaryValue();
                if (!parse(b.bytes, b.offset, b.length, bits)) {
                    return new IdDocMap(false);
                }
                map.put(bits[0], bits[1], ctx.docBase + d);
            }
        }
        return map;
    }

    /** False when some id was not a UUID, so the map cannot be used. */
    boolean usable() {
        return complete;
    }

    /** The global doc of an id, or -1 (also for ids that are not UUIDs). */
    int doc(String id) {
        long[] bits = new long[2];
        if (!parse(id, bits)) {
            return -1;
        }
        int slot = slot(bits[0], bits[1]);
        while (docs[slot] >= 0) {
            if (hi[slot] == bits[0] && lo[slot] == bits[1]) {
                return docs[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private void put(long h, long l, int doc) {
        int slot = slot(h, l);
        while (docs[slot] >= 0 && !(hi[slot] == h && lo[slot] == l)) {
            slot = (slot + 1) & mask;
        }
        // A re-added id (update) keeps its latest document; deleted ones are skipped by live docs.
        hi[slot] = h;
        lo[slot] = l;
        docs[slot] = doc;
    }

    private int slot(long h, long l) {
        long x = h * 0x9E3779B97F4A7C15L ^ l * 0xC2B2AE3D27D4EB4FL;
        return (int) (x ^ (x >>> 29)) & mask;
    }

    private static boolean parse(String s, long[] out) {
        if (s.length() != 36) {
            return false;
        }
        long h = 0;
        long l = 0;
        int n = 0;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
                continue;
            }
            int v = Character.digit(c, 16);
            if (v < 0) {
                return false;
            }
            if (n++ < 16) {
                h = h << 4 | v;
            } else {
                l = l << 4 | v;
            }
        }
        out[0] = h;
        out[1] = l;
        return true;
    }

    private static boolean parse(byte[] b, int off, int len, long[] out) {
        if (len != 36) {
            return false;
        }
        return parse(new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1), out);
    }
}
