package ai.deeplake4j.engine.table;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * A set of row ids ({@code _id}, ARCHITECTURE D4) held as their 128 bits: the rows passing a
 * search's WHERE pre-filter, which may be millions. Seen as a {@code Set<String>} of the ids' text
 * (membership tests parse the text, no allocation); consumers that know this class read the bits
 * directly with {@link #forEachId}. Not thread-safe while being filled.
 */
public final class RowIdSet extends AbstractSet<String> {

    /** Receives one id. */
    @FunctionalInterface
    public interface IdConsumer {
        void accept(long mostSignificant, long leastSignificant);
    }

    private final UuidIntMap ids;

    /** @param expected the number of ids expected; more are accepted */
    public RowIdSet(int expected) {
        this.ids = new UuidIntMap(expected);
    }

    /** Adds an id. */
    public void add(UUID id) {
        ids.put(id.getMostSignificantBits(), id.getLeastSignificantBits(), 0);
    }

    /** True when the id (its bits) is in the set. */
    public boolean contains(long mostSignificant, long leastSignificant) {
        return ids.get(mostSignificant, leastSignificant) >= 0;
    }

    @Override
    public boolean contains(Object o) {
        long[] bits = new long[2];
        return o instanceof CharSequence s && UuidIntMap.parse(s, bits) && contains(bits[0], bits[1]);
    }

    /** Calls {@code consumer} for every id, in no particular order. */
    public void forEachId(IdConsumer consumer) {
        ids.forEach((h, l, v) -> consumer.accept(h, l));
    }

    @Override
    public int size() {
        return ids.size();
    }

    /** The ids as text (allocates one string per id; for small sets and fallbacks). */
    @Override
    public Iterator<String> iterator() {
        List<String> text = new ArrayList<>(size());
        forEachId((h, l) -> text.add(new UUID(h, l).toString()));
        return text.iterator();
    }
}
