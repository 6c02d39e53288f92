package io.cutover.activity;

/**
 * A backup object found in the store.
 *
 * @param key the full object key
 * @param size size in bytes
 * @param etag the ETag, without quotes
 * @param lastModifiedMillis last modification time, epoch milliseconds
 * @param storageClass the storage class (STANDARD, WARM, COLD, ...)
 * @param kind FULL, DIFF, LOG, or UNKNOWN when the naming convention does not recognise it
 * @param database the database name the convention read from the key, or null
 * @param orderKey the chain order key; later backups have greater keys
 * @param header what the file's header says, when the chain is planned by headers; else null
 */
public record BackupFile(
        String key,
        long size,
        String etag,
        long lastModifiedMillis,
        String storageClass,
        Kind kind,
        String database,
        String orderKey,
        HeaderFacts header) {

    /** A file whose place in the chain comes from its name. */
    public BackupFile(
            String key,
            long size,
            String etag,
            long lastModifiedMillis,
            String storageClass,
            Kind kind,
            String database,
            String orderKey) {
        this(key, size, etag, lastModifiedMillis, storageClass, kind, database, orderKey, null);
    }

    /** What kind of backup a file is. */
    public enum Kind {
        FULL,
        DIFF,
        LOG,
        UNKNOWN
    }

    /** The last path segment of the key. */
    public String fileName() {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }
}
