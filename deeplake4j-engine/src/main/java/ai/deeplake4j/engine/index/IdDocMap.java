package ai.deeplake4j.engine.index;

import ai.deeplake4j.engine.table.UuidIntMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    private final UuidIntMap docs;

    private IdDocMap(UuidIntMap docs) {
        this.docs = docs;
    }

    /** Maps every document of {@code reader}; returns an unusable map when an id is not a UUID. */
    static IdDocMap build(IndexReader reader) throws IOException {
        UuidIntMap map = new UuidIntMap(Math.max(1, reader.maxDoc()));
        long[] bits = new long[2];
        for (LeafReaderContext ctx : reader.leaves()) {
            BinaryDocValues ids = ctx.reader().getBinaryDocValues(LuceneStore.ID_FIELD);
            if (ids == null) {
                continue;
            }
            for (int d = ids.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = ids.nextDoc()) {
                BytesRef b = ids.binaryValue();
                if (!UuidIntMap.parse(new String(b.bytes, b.offset, b.length, StandardCharsets.ISO_8859_1), bits)) {
                    return new IdDocMap(null);
                }
                // A re-added id (update) keeps its latest document; deleted ones are skipped by live docs.
                map.put(bits[0], bits[1], ctx.docBase + d);
            }
        }
        return new IdDocMap(map);
    }

    /** False when some id was not a UUID, so the map cannot be used. */
    boolean usable() {
        return docs != null;
    }

    /** The global doc of an id, or -1 (also for ids that are not UUIDs). */
    int doc(String id) {
        long[] bits = new long[2];
        if (docs == null || !UuidIntMap.parse(id, bits)) {
            return -1;
        }
        return docs.get(bits[0], bits[1]);
    }

    /** The global doc of an id given by its bits, or -1. */
    int doc(long mostSignificant, long leastSignificant) {
        return docs == null ? -1 : docs.get(mostSignificant, leastSignificant);
    }
}
