package ai.deeplake4j.engine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowIdSetTest {

    @Test
    void growsFarPastItsExpectedSizeAndKeepsEveryId() {
        RowIdSet set = new RowIdSet(4);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            UUID id = UUID.randomUUID();
            set.add(id);
            expected.add(id.toString());
        }
        assertEquals(expected.size(), set.size());
        assertEquals(50_000, expected.size());
        assertEquals(expected, new HashSet<>(set));
        for (String id : expected) {
            assertTrue(set.contains(id), id);
            assertTrue(set.contains(id.toUpperCase()), id);
        }
        assertFalse(set.contains(UUID.randomUUID().toString()));
        assertFalse(set.contains("not-a-uuid"));
        assertFalse(set.contains(42));
    }

    @Test
    void membershipFollowsLaterAdds() {
        RowIdSet set = new RowIdSet(1);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        set.add(a);
        assertTrue(set.contains(a.toString()));
        assertFalse(set.contains(b.toString()));
        set.add(b); // after a lookup was built
        assertTrue(set.contains(b.toString()));
    }

    @Test
    void mapGrowsAndKeepsEveryValue() {
        UuidIntMap map = new UuidIntMap(2);
        java.util.List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            map.put(id.getMostSignificantBits(), id.getLeastSignificantBits(), i);
        }
        assertEquals(20_000, map.size());
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, map.get(ids.get(i)));
        }
    }

    @Test
    void mapValuesAreReplacedAndMissingIdsAreMinusOne() {
        UuidIntMap map = new UuidIntMap(1);
        UUID a = UUID.randomUUID();
        map.put(a.getMostSignificantBits(), a.getLeastSignificantBits(), 3);
        map.put(a.getMostSignificantBits(), a.getLeastSignificantBits(), 7);
        assertEquals(7, map.get(a));
        assertEquals(1, map.size());
        assertEquals(-1, map.get(UUID.randomUUID()));
        long[] bits = new long[2];
        assertTrue(UuidIntMap.parse(a.toString(), bits));
        assertEquals(a, new UUID(bits[0], bits[1]));
    }
}
