package io.cutover.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.backup.DiscoveryMemory.SeenObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoveryMemoryTest {

    @Test
    void survivesTheRoundTripThroughTheCursorWithColonsInKeys() {
        DiscoveryMemory memory = new DiscoveryMemory(
                Map.of("db/S_Db_LOG_", "db/S_Db_LOG_20240101_000000.trn"),
                List.of(new SeenObject("odd:key:name.trn", 12, "abc"), new SeenObject("k", 0, "")),
                Instant.ofEpochMilli(1_700_000_000_123L));
        List<String> encoded = memory.encode();
        DiscoveryMemory decoded = DiscoveryMemory.decode(encoded, key -> key.substring(0, key.indexOf("2024")));
        assertEquals(memory, decoded);
    }

    @Test
    void tailsWhoseStreamIsNoLongerKnownAreDropped() {
        DiscoveryMemory decoded = DiscoveryMemory.decode(List.of("tail:whatever"), key -> null);
        assertEquals(Map.of(), decoded.tails());
    }

    @Test
    void aCursorWrittenBeforeThePollTimeWasKeptHasNone() {
        DiscoveryMemory decoded = DiscoveryMemory.decode(List.of("seen:1:e:k"), key -> null);
        assertEquals(null, decoded.polledAt());
        assertEquals(List.of("seen:1:e:k"), decoded.encode());
    }

    @Test
    void sameContentNeedsSizeAndAKnownEtag() {
        StoredObject object = new StoredObject("x", 5, "e1", Instant.EPOCH, null);
        assertTrue(new SeenObject("y", 5, "e1").sameContentAs(object));
        assertFalse(new SeenObject("y", 6, "e1").sameContentAs(object));
        assertFalse(new SeenObject("y", 5, "").sameContentAs(new StoredObject("x", 5, "", Instant.EPOCH, null)));
    }
}
