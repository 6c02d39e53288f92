package io.cutover.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What discovery remembers between passes besides the marker: the last key listed in each stream
 * (see {@link io.cutover.naming.BackupNaming#stream}), the objects recently handed on or reported
 * with their size and ETag, to recognise duplicates and objects listed again, and when the last
 * pass began, to tell objects uploaded since from those an earlier pass already saw.
 *
 * <p>It travels in {@code DiscoveryCursor.recentKeys}, which the workflow carries without reading,
 * one entry per string: {@code "tail:" + key}, {@code "seen:" + size + ":" + etag + ":" + key} or
 * {@code "polled:" + epochMillis}. Every part is bounded, so the cursor stays small however long a
 * campaign runs.
 *
 * @param tails the last listed key of each stream, by stream
 * @param seen objects handed on or reported, oldest first
 * @param polledAt when the pass that wrote this memory began listing (null: not known yet)
 */
record DiscoveryMemory(Map<String, String> tails, List<SeenObject> seen, Instant polledAt) {

    /** Streams are few (one per kind and database); more than this means keys without streams. */
    static final int MAX_STREAMS = 16;

    /** Enough to recognise the objects of the last passes; at least the most files per pass. */
    static final int MAX_SEEN = 256;

    private static final String TAIL = "tail:";
    private static final String SEEN = "seen:";
    private static final String POLLED = "polled:";

    /**
     * An object discovery has dealt with.
     *
     * @param key the object key
     * @param size its size when it was dealt with
     * @param etag its ETag then
     */
    record SeenObject(String key, long size, String etag) {

        boolean sameContentAs(StoredObject object) {
            return size == object.size() && !etag.isEmpty() && etag.equals(object.etag());
        }
    }

    static DiscoveryMemory decode(List<String> entries, Function<String, String> streamOfKey) {
        Map<String, String> tails = new LinkedHashMap<>();
        List<SeenObject> seen = new ArrayList<>();
        Instant polledAt = null;
        for (String entry : entries == null ? List.<String>of() : entries) {
            if (entry.startsWith(TAIL)) {
                String key = entry.substring(TAIL.length());
                String stream = streamOfKey.apply(key);
                if (stream != null) {
                    tails.put(stream, key);
                }
            } else if (entry.startsWith(SEEN)) {
                String[] parts = entry.substring(SEEN.length()).split(":", 3);
                if (parts.length == 3) {
                    seen.add(new SeenObject(parts[2], Long.parseLong(parts[0]), parts[1]));
                }
            } else if (entry.startsWith(POLLED)) {
                polledAt = Instant.ofEpochMilli(Long.parseLong(entry.substring(POLLED.length())));
            }
        }
        return new DiscoveryMemory(tails, seen, polledAt);
    }

    List<String> encode() {
        List<String> entries = new ArrayList<>();
        if (polledAt != null) {
            entries.add(POLLED + polledAt.toEpochMilli());
        }
        tails.values().forEach(key -> entries.add(TAIL + key));
        for (SeenObject object : seen) {
            entries.add(SEEN + object.size() + ":" + object.etag().replace(":", "") + ":" + object.key());
        }
        return List.copyOf(entries);
    }
}
