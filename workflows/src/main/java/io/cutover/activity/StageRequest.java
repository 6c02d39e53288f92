package io.cutover.activity;

/**
 * A backup to make submittable.
 *
 * @param bucket the bucket holding it
 * @param file the backup as discovery found it
 * @param stagingPrefix where compliant copies go
 * @param readableAs the campaign's source database, for a copy named like the source (database,
 *     kind, time), as the DRS console shows it; null for the names campaigns recorded before used
 */
public record StageRequest(String bucket, BackupFile file, String stagingPrefix, String readableAs) {

    /** A request for the names campaigns recorded before readable names used. */
    public StageRequest(String bucket, BackupFile file, String stagingPrefix) {
        this(bucket, file, stagingPrefix, null);
    }
}
