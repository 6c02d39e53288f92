package io.cutover.backup;

import io.cutover.headers.BackupHeader;
import io.cutover.headers.BackupHeaderReader;
import io.cutover.headers.UnreadableBackupException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The headers of the backups discovery has read, by bucket, key and ETag: each object's header is
 * read once (one ranged GET) and remembered, not read again per poll. An object written again gets
 * a new ETag, so it is read again. The cache lives as long as the worker process; a new worker
 * reads each object once more. Most headers lie in the first 8 KiB (every real sample's did in the
 * first 4,140 bytes): that much is read first, and 64 KiB only for a file whose header blocks lie
 * further in (a media password or long names move them).
 */
public final class HeaderCache {

    /** About 300 bytes each: 50,000 headers (a year of a log every ten minutes) take 15 MB. */
    static final int MAX_ENTRIES = 50_000;

    static final int FIRST_READ_BYTES = 8 * 1024;

    /**
     * What an object's header says, or why it cannot be read.
     *
     * @param header the header, or null
     * @param problem why it cannot be read, or null
     */
    public record Reading(BackupHeader header, String problem) {}

    private final Map<String, Reading> entries = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Reading> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private final AtomicLong reads = new AtomicLong();

    /**
     * The object's header, from memory or with a ranged GET. Store failures propagate and nothing is
     * remembered.
     */
    public Reading read(BackupStore store, String bucket, StoredObject object) {
        String id = bucket + "\n" + object.key() + "\n" + object.etag() + "\n" + object.size();
        synchronized (entries) {
            Reading known = entries.get(id);
            if (known != null) {
                return known;
            }
        }
        Reading reading =
                object.size() == 0 ? new Reading(null, "empty (0 bytes)") : readFromStore(store, bucket, object);
        synchronized (entries) {
            entries.put(id, reading);
        }
        return reading;
    }

    /** Ranged GETs made so far: what header reading costs in requests. */
    public long reads() {
        return reads.get();
    }

    private Reading readFromStore(BackupStore store, String bucket, StoredObject object) {
        byte[] first = get(store, bucket, object.key(), FIRST_READ_BYTES);
        try {
            return new Reading(BackupHeaderReader.read(first), null);
        } catch (UnreadableBackupException firstTry) {
            if (first.length < FIRST_READ_BYTES || object.size() <= FIRST_READ_BYTES) {
                return new Reading(null, firstTry.getMessage());
            }
        }
        try {
            return new Reading(
                    BackupHeaderReader.read(get(store, bucket, object.key(), BackupHeaderReader.PREFIX_BYTES)), null);
        } catch (UnreadableBackupException e) {
            return new Reading(null, e.getMessage());
        }
    }

    private byte[] get(BackupStore store, String bucket, String key, int count) {
        reads.incrementAndGet();
        return store.readFirstBytes(bucket, key, count);
    }
}
