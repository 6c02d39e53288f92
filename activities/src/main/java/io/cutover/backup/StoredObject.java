package io.cutover.backup;

import java.time.Instant;

/**
 * An object's metadata as the store reports it.
 *
 * @param key the object key
 * @param size size in bytes
 * @param etag the ETag without quotes
 * @param lastModified when the object was last written
 * @param storageClass STANDARD, WARM, COLD, ... (a store that does not say means STANDARD)
 */
public record StoredObject(String key, long size, String etag, Instant lastModified, String storageClass) {

    /** The only storage class DRS restores from: archive classes fail with "restore:null". */
    public static final String STANDARD = "STANDARD";

    public StoredObject {
        storageClass = storageClass == null || storageClass.isBlank() ? STANDARD : storageClass;
        etag = etag == null ? "" : etag.replace("\"", "");
    }

    public boolean isStandardClass() {
        return STANDARD.equalsIgnoreCase(storageClass);
    }
}
