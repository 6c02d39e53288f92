package io.cutover.activity;

import io.cutover.activity.JobRequest.RecoveryMode;

/**
 * One backup the campaign submitted, and how its job ended.
 *
 * @param key the original object key (or the RDS file id)
 * @param submittedName the name DRS was given (the staged name)
 * @param jobName the DRS job name
 * @param jobId the DRS job id
 * @param recoveryMode FULL or INCRE ("full", "incre" in JSON)
 * @param lastBackup whether it was sent with is_last_backup=true
 * @param startedMillis when the job was submitted (workflow time)
 * @param endedMillis when the job was seen finished (workflow time)
 * @param outcome how the job ended, or why no job restored the backup
 * @param note the error_log or the skip reason, or null
 */
public record AppliedBackup(
        String key,
        String submittedName,
        String jobName,
        String jobId,
        JobRequest.RecoveryMode recoveryMode,
        boolean lastBackup,
        long startedMillis,
        long endedMillis,
        Outcome outcome,
        String note) {

    /**
     * How an entry of the campaign's ledger ended: its job's end state (the first three), or why
     * no job restored the backup. The names are the JSON, as they were when this was a string.
     */
    public enum Outcome {
        SUCCESS,
        FAILED,
        PRECHECK_FAILED,
        /** The job could not be submitted or read; the note says why. */
        ERROR,
        /** The campaign was aborted while the job ran; DRS may still finish it. */
        ABANDONED,
        /** The operator skipped the backup; the note is the reason. */
        SKIPPED,
        /** Never submitted: waiting at the end, after the final backup, or not a log backup. */
        NOT_APPLIED,
        /** Discovery's reports: see {@link BackupReport.Problem}. */
        LATE,
        DUPLICATE,
        UNUSABLE,
        UNREADABLE,
        OTHER_DATABASE,
        STRIPED,
        PASSWORD,
        TOO_NEW,
        WRONG_BASE,
        COVERED;

        /** The outcome of a job that ended in {@code state}. */
        public static Outcome of(JobOutcome.State state) {
            return valueOf(state.name());
        }

        /** The outcome of an object discovery reported. */
        public static Outcome of(BackupReport.Problem problem) {
            return valueOf(problem.name());
        }
    }

    /** A backup the operator skipped after its job failed: no job, the reason as the note. */
    public static AppliedBackup skipped(AppliedBackup failed, RecoveryMode mode, long atMillis, String reason) {
        return new AppliedBackup(
                failed.key(),
                failed.submittedName(),
                null,
                null,
                mode,
                false,
                atMillis,
                atMillis,
                Outcome.SKIPPED,
                reason);
    }

    /** An object the campaign will not apply (late, duplicate, unusable, not applied), and why. */
    public static AppliedBackup refused(String key, Outcome outcome, long atMillis, String reason) {
        return new AppliedBackup(key, null, null, null, RecoveryMode.INCRE, false, atMillis, atMillis, outcome, reason);
    }

    /** Whether its job ended in SUCCESS. */
    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    public long durationMillis() {
        return endedMillis - startedMillis;
    }
}
