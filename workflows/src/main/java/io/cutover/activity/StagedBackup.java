package io.cutover.activity;

/**
 * A backup as DRS will be told of it.
 *
 * @param bucket bucket_name
 * @param obsPath obs_path: the folder, ending in '/', or "" for the root
 * @param fileName name: a compliant .bak name
 * @param sourceKey the original object key
 * @param copied whether a staging copy was made (false when the original name complied)
 */
public record StagedBackup(String bucket, String obsPath, String fileName, String sourceKey, boolean copied) {}
