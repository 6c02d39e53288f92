package io.cutover.activity;

/**
 * A backup to make submittable.
 *
 * @param bucket the bucket holding it
 * @param file the backup as discovery found it
 * @param stagingPrefix where compliant copies go
 */
public record StageRequest(String bucket, BackupFile file, String stagingPrefix) {}
