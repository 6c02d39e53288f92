package io.cutover.activity;

import io.cutover.spec.SourceSpec;

/**
 * A search for log backups missing from the chain just before a blocked one.
 *
 * @param source the campaign's source (bucket, prefix, naming, database filter, full backup)
 * @param settleSeconds objects younger than this are not returned: they may still be uploading
 * @param afterOrderKey the order key of the last backup the chain passed (applied or skipped), or
 *     null when the blocked one is the first log backup: the full backup's order key bounds it then
 * @param blockedKey the key of the log backup whose job failed
 */
public record MissingLinkRequest(SourceSpec source, long settleSeconds, String afterOrderKey, String blockedKey) {}
