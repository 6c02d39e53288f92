package io.cutover.activity;

/**
 * One backup the campaign submitted, and how its job ended.
 *
 * @param key the original object key (or the RDS file id)
 * @param submittedName the name DRS was given (the staged name)
 * @param jobName the DRS job name
 * @param jobId the DRS job id
 * @param recoveryMode full or incre
 * @param lastBackup whether it was sent with is_last_backup=true
 * @param startedMillis when the job was submitted (workflow time)
 * @param endedMillis when the job was seen finished (workflow time)
 * @param outcome SUCCESS, FAILED, PRECHECK_FAILED, or SKIPPED
 * @param note the error_log or the skip reason, or null
 */
public record AppliedBackup(
    String key,
    String submittedName,
    String jobName,
    String jobId,
    String recoveryMode,
    boolean lastBackup,
    long startedMillis,
    long endedMillis,
    String outcome,
    String note) {

  /** Whether its job ended in SUCCESS. */
  public boolean succeeded() {
    return JobOutcome.State.SUCCESS.name().equals(outcome);
  }

  public long durationMillis() {
    return endedMillis - startedMillis;
  }
}
