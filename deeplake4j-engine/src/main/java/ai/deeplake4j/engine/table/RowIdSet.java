package ai.deeplake4j.engine.table;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * A set of row ids ({@code _id}, ARCHITECTURE D4) held as their 128 bits: the rows passing a
 * search's WHERE pre-filter, which may be millions. Ids are appended to two growing
 * {@code long[]} (the filter's query yields each row once), and a hash table for membership
 * tests is built only when one is asked for: turning the set into an index's document bits
 * ({@link #forEachId}) never needs it. Seen as a {@code Set<String>} of the ids' text (membership
 * tests parse the text, no allocation). Not thread-safe while being filled.
 */
public final class RowIdSet extends AbstractSet<String> {

    /** Receives one id. */
    @FunctionalInterface
    public interface IdConsumer {
        void accept(long mostSignificant, long leastSignificant);
    }

    private long[] hi;
    private long[] lo;
    private int size;
    private UuidIntMap lookup;

    /** @param expected the number of ids expected; more are accepted */
    public RowIdSet(int expected) {
        hi = new long[Math.max(16, expected)];
        lo = new long[hi.length];
    }

    /** Adds an id that is not in the set yet (a row of one query's result). */
    public void add(UUID id) {
        if (size == hi.length) {
            hi = Arrays.copyOf(hi, size * 2);
            lo = Arrays.copyOf(lo, size * 2);
        }
        hi[size] = id.getMostSignificantBits();
        lo[size] = id.getLeastSignificantBits();
        size++;
        lookup = null;
    }

    /** True when the id (its bits) is in the set. */
    public boolean contains(long mostSignificant, long leastSignificant) {
        UuidIntMap m = lookup;
        if (m == null) {
            m = new UuidIntMap(size);
            for (int i = 0; i < size; i++) {
                m.put(hi[i], lo[i], 0);
            }
            lookup = m;
        }
        return m.get(mostSignificant, leastSignificant) >= 0;
    }

    @Override
    public boolean contains(Object o) {
        long[] bits = new long[2];
        return o instanceof CharSequence s && UuidIntMap.parse(s, bits) && contains(bits[0], bits[1]);
    }

    /** Calls {@code consumer} for every id, in the order added. */
    public void forEachId(IdConsumer consumer) {
        for (int i = 0; i < size; i++) {
            consumer.accept(hi[i], lo[i]);
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** The ids as text (allocates one string per id; for small sets and fallbacks). */
    @Override
    public Iterator<String> iterator() {
        List<String> text = new ArrayList<>(size);
        forEachId((h, l) -> text.add(new UUID(h, l).toString()));
        return text.iterator();
    }
}
