package io.cutover.activity;

import java.util.List;

/**
 * A job as submission left it: its id, and how it ended when it had already ended by the time
 * the submission read it back (a job DRS finished at once, as the simulator does with restore
 * time 0).
 *
 * @param jobId the DRS job id
 * @param ended how the job ended, or null while it is still running (or could not be read): the
 *     campaign then waits for it with {@link DrsActivities#awaitJob}
 * @param notAdopted one line per job found with this job's name that the submission did not
 *     adopt (made by another campaign run, for another target or another file); null or empty
 *     when there was none (and in submissions recorded before the check existed)
 */
public record SubmittedJob(String jobId, JobOutcome ended, List<String> notAdopted) {

    /** A job submitted with no other job of its name found. */
    public SubmittedJob(String jobId, JobOutcome ended) {
        this(jobId, ended, List.of());
    }
}
