package io.cutover.activity;

/**
 * A job as submission left it: its id, and how it ended when it had already ended by the time
 * the submission read it back (a job DRS finished at once, as the simulator does with restore
 * time 0).
 *
 * @param jobId the DRS job id
 * @param ended how the job ended, or null while it is still running (or could not be read): the
 *     campaign then waits for it with {@link DrsActivities#awaitJob}
 */
public record SubmittedJob(String jobId, JobOutcome ended) {}
