package io.cutover.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** The DRS backup migration calls the campaign makes, as activities. */
@ActivityInterface
public interface DrsActivities {

    /** ApplicationFailure type of a request DRS refused (400) or that failed validation. */
    String REJECTED = "DrsRequestRejected";

    /** ApplicationFailure type thrown by {@link #awaitJob} while the job is still running. */
    String STILL_RUNNING = "DrsJobStillRunning";

    /**
     * Submits one job exactly once: finds the job whose name is exactly {@code request.name()}
     * (list with the name filter, exact match on our side) and returns its id, else creates it.
     * Calling it again after an ambiguous failure therefore never makes a second job.
     *
     * @return the DRS job id
     */
    @ActivityMethod
    String submitJob(JobRequest request);

    /**
     * {@link #submitJob}, then one read of the job in the same call: a job that has already ended
     * needs no wait at all (no polling activity, no further workflow task). The read is a courtesy:
     * when it fails, or the job still runs, {@code ended} is null and the caller waits with
     * {@link #awaitJob} as it would have. Calling it again after an ambiguous failure still never
     * makes a second job, since the submission finds the job by name first.
     */
    @ActivityMethod
    SubmittedJob submitJobAndRead(JobRequest request);

    /**
     * Submits several jobs, each exactly as {@link #submitJob} does (found by name, else created),
     * several at a time: a wave's finals at its commit. One that fails does not fail the others, and
     * the call returns only once every submission has ended, so that none is still on its way when
     * the caller moves on.
     *
     * @return for each request, in order, its job id, or null when it could not be submitted (the
     *     campaign's own submission of that job tries again, and finds it if it was made after all)
     */
    @ActivityMethod
    List<String> submitJobs(List<JobRequest> requests);

    /**
     * Reads the job once. Returns when it has finished (SUCCESS, FAILED or PRECHECK FAILED);
     * while it is still running it fails with the retryable type {@link #STILL_RUNNING}, so that
     * the activity's retry policy is the poll loop and history does not grow with restore time.
     */
    @ActivityMethod
    JobOutcome awaitJob(String jobId);
}
