package ai.deeplake4j.engine.table;

import java.util.Arrays;
import java.util.UUID;

/**
 * A fixed-capacity map from 128-bit row ids ({@code _id}, ARCHITECTURE D4) to non-negative ints:
 * open addressing over two {@code long[]} and an {@code int[]}, about 40 bytes per entry, no
 * boxing. Used where millions of ids are mapped at once (an index's documents, a data file's row
 * positions, the rows passing a filter). Putting an id again replaces its value; the table grows
 * to stay at most half full. Not thread-safe while being filled; safe to read from many threads
 * once published.
 */
public final class UuidIntMap {
    /** Receives one entry. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(long mostSignificant, long leastSignificant, int value);
    }

    private long[] hi;
    private long[] lo;
    private int[] values;
    private int mask;
    private int size;

    /** @param expected the number of ids expected; more are accepted */
    public UuidIntMap(int expected) {
        allocate(Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1);
    }

    private void allocate(int capacity) {
        hi = new long[capacity];
        lo = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, -1);
        mask = capacity - 1;
    }

    /**
     * Maps an id to a value.
     *
     * @param value at least 0
     */
    public void put(long mostSignificant, long leastSignificant, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0, got " + value);
        }
        int slot = slot(mostSignificant, leastSignificant);
        while (values[slot] >= 0 && !(hi[slot] == mostSignificant && lo[slot] == leastSignificant)) {
            slot = (slot + 1) & mask;
        }
        if (values[slot] < 0) {
            if ((size + 1) * 2 > values.length) {
                grow();
                put(mostSignificant, leastSignificant, value);
                return;
            }
            size++;
        }
        hi[slot] = mostSignificant;
        lo[slot] = leastSignificant;
        values[slot] = value;
    }

    private void grow() {
        long[] oldHi = hi;
        long[] oldLo = lo;
        int[] oldValues = values;
        allocate(values.length * 2);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] >= 0) {
                int slot = slot(oldHi[i], oldLo[i]);
                while (values[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                hi[slot] = oldHi[i];
                lo[slot] = oldLo[i];
                values[slot] = oldValues[i];
            }
        }
    }

    /** Calls {@code consumer} for every entry, in no particular order. */
    public void forEach(EntryConsumer consumer) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= 0) {
                consumer.accept(hi[i], lo[i], values[i]);
            }
        }
    }

    /** The value of an id, or -1. */
    public int get(long mostSignificant, long leastSignificant) {
        int slot = slot(mostSignificant, leastSignificant);
        while (values[slot] >= 0) {
            if (hi[slot] == mostSignificant && lo[slot] == leastSignificant) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** The value of an id, or -1. */
    public int get(UUID id) {
        return get(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /** The number of ids held. */
    public int size() {
        return size;
    }

    private int slot(long h, long l) {
        long x = h * 0x9E3779B97F4A7C15L ^ l * 0xC2B2AE3D27D4EB4FL;
        return (int) (x ^ (x >>> 29)) & mask;
    }

    /**
     * Parses the canonical 36-character text of a UUID (as DuckDB prints {@code _id}) into
     * {@code out[0]} (most significant bits) and {@code out[1]}, without allocating.
     *
     * @return false when the text is not a UUID
     */
    public static boolean parse(CharSequence s, long[] out) {
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
}
