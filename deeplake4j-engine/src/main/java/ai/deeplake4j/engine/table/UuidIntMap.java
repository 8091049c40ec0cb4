package ai.deeplake4j.engine.table;

import java.util.UUID;

/**
 * A map from 128-bit row ids ({@code _id}, ARCHITECTURE D4) to non-negative ints: open addressing
 * over one {@code long[]} holding each slot's two id halves and value side by side, so a probe
 * touches one cache line (the tables are tens of MB, and lookups are random). About 48 bytes per
 * entry at the usual load, no boxing. Used where millions of ids are mapped at once (an index's
 * documents, a data file's row positions). Putting an id again replaces its value; the table
 * grows to stay at most half full. Not thread-safe while being filled; safe to read from many
 * threads once published.
 */
public final class UuidIntMap {
    private static final int STRIDE = 3;
    private static final long EMPTY = -1;

    /** Slot i: [3i] most significant bits, [3i + 1] least significant bits, [3i + 2] value or -1. */
    private long[] table;
    private int mask;
    private int size;

    /** @param expected the number of ids expected; more are accepted */
    public UuidIntMap(int expected) {
        allocate(Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1);
    }

    private void allocate(int capacity) {
        table = new long[capacity * STRIDE];
        for (int i = 2; i < table.length; i += STRIDE) {
            table[i] = EMPTY;
        }
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
        long[] t = table;
        int i = slot(mostSignificant, leastSignificant) * STRIDE;
        while (t[i + 2] != EMPTY && !(t[i] == mostSignificant && t[i + 1] == leastSignificant)) {
            i = next(i);
        }
        if (t[i + 2] == EMPTY) {
            if ((size + 1) * 2 > capacity()) {
                grow();
                put(mostSignificant, leastSignificant, value);
                return;
            }
            size++;
        }
        t[i] = mostSignificant;
        t[i + 1] = leastSignificant;
        t[i + 2] = value;
    }

    private int capacity() {
        return mask + 1;
    }

    /** The slot after the one at array index {@code i}, wrapping around. */
    private int next(int i) {
        int n = i + STRIDE;
        return n >= table.length ? 0 : n;
    }

    private void grow() {
        long[] old = table;
        allocate(capacity() * 2);
        for (int i = 0; i < old.length; i += STRIDE) {
            if (old[i + 2] != EMPTY) {
                int j = slot(old[i], old[i + 1]) * STRIDE;
                while (table[j + 2] != EMPTY) {
                    j = next(j);
                }
                table[j] = old[i];
                table[j + 1] = old[i + 1];
                table[j + 2] = old[i + 2];
            }
        }
    }

    /** The value of an id, or -1. */
    public int get(long mostSignificant, long leastSignificant) {
        long[] t = table;
        int i = slot(mostSignificant, leastSignificant) * STRIDE;
        while (t[i + 2] != EMPTY) {
            if (t[i] == mostSignificant && t[i + 1] == leastSignificant) {
                return (int) t[i + 2];
            }
            i = next(i);
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
