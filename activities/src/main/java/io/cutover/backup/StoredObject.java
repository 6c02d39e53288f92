package io.cutover.backup;

import io.cutover.activity.BackupFile;
import io.cutover.activity.HeaderFacts;
import java.time.Duration;
import java.time.Instant;

/**
 * An object's metadata as the store reports it.
 *
 * @param key the object key
 * @param size size in bytes
 * @param etag the ETag without quotes
 * @param lastModified when the object was last written
 * @param storageClass STANDARD, WARM, COLD, ... (a store that does not say means STANDARD)
 * @param completeWhenListed whether the store lists an object only once it is complete, as an
 *     S3-protocol store does (OBS included) with a single PUT and a multipart upload alike: such
 *     an object needs no settle time. False where an object is visible while it is written: a
 *     local folder, an OBS appendable object.
 */
public record StoredObject(
        String key, long size, String etag, Instant lastModified, String storageClass, boolean completeWhenListed) {

    /** The only storage class DRS restores from: archive classes fail with "restore:null". */
    public static final String STANDARD = "STANDARD";

    public StoredObject {
        storageClass = storageClass == null || storageClass.isBlank() ? STANDARD : storageClass;
        etag = etag == null ? "" : etag.replace("\"", "");
    }

    /** An object of a store where it may be listed while it is still being written. */
    public StoredObject(String key, long size, String etag, Instant lastModified, String storageClass) {
        this(key, size, etag, lastModified, storageClass, false);
    }

    public boolean isStandardClass() {
        return STANDARD.equalsIgnoreCase(storageClass);
    }

    /**
     * Complete: listed by a store that lists only complete objects, or else at least {@code
     * settleSeconds} old at {@code now} and the same size as when the previous pass saw it.
     *
     * @param previousSize its size at the previous pass, or null when that pass did not see it
     */
    boolean settled(Long previousSize, long settleSeconds, Instant now) {
        if (completeWhenListed) {
            return true;
        }
        if (Duration.between(lastModified, now).getSeconds() < settleSeconds) {
            return false;
        }
        return previousSize == null || previousSize == size;
    }

    /** The object as a backup file handed on to the campaign. */
    BackupFile toBackupFile(BackupFile.Kind kind, String database, String orderKey, HeaderFacts header) {
        return new BackupFile(
                key, size, etag, lastModified.toEpochMilli(), storageClass, kind, database, orderKey, header);
    }
}
