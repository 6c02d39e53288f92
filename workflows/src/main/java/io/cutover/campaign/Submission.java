package io.cutover.campaign;

import io.cutover.activity.BackupFile;
import io.cutover.activity.JobRequest.RecoveryMode;

/**
 * One file to restore, with how.
 *
 * @param key the object key (or "rds:" and the RDS file id)
 * @param file the discovered log backup; null for the full backup, which is described when staged
 * @param last whether it goes with is_last_backup=true: the database comes online
 * @param sequence the job name's sequence number
 * @param skippable whether the operator may leave it out when it fails (not the full, not the
 *     final)
 * @param passedOrderKey the order key of the last file the chain passed (applied or skipped)
 *     before this one; null for the first log and for the full
 */
record Submission(
        String key,
        BackupFile file,
        RecoveryMode mode,
        boolean last,
        int sequence,
        boolean skippable,
        String passedOrderKey) {

    /** The full backup (or the RDS backup named by {@code key}): no sequence, never skippable. */
    static Submission full(String key, boolean last) {
        return new Submission(key, null, RecoveryMode.FULL, last, 0, false, null);
    }

    /** A log backup of the chain: the operator may leave it out when it fails unless it is the final. */
    static Submission log(BackupFile file, boolean last, int sequence, String passedOrderKey) {
        return new Submission(file.key(), file, RecoveryMode.INCRE, last, sequence, !last, passedOrderKey);
    }

    /** The same file, after the chain passed {@code orderKey}. */
    Submission after(String orderKey) {
        return new Submission(key, file, mode, last, sequence, skippable, orderKey);
    }
}
