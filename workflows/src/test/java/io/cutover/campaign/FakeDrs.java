package io.cutover.campaign;

import io.cutover.activity.DrsActivities;
import io.cutover.activity.JobOutcome;
import io.cutover.activity.JobRequest;
import io.cutover.activity.SubmittedJob;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A small in-memory DRS with the job lifecycle the workflow relies on: a created job runs for a
 * while (in workflow time) and then ends as scripted. It records every create with its flags,
 * can lose the answer after creating (the ambiguous failure that exactly-once must survive), and
 * holds credentials the way the real client does, so tests can check none leaks into history.
 */
final class FakeDrs implements DrsActivities {

    /** Credentials the fake "signs" with; they must never appear in a workflow's history. */
    static final String TOKEN = "MIIaTokenSecret-7f3c9e1d";

    static final String ACCESS_KEY = "AKFAKEACCESSKEY0042";
    static final String SECRET_KEY = "skFakeSecretKey/9aX+Q2";

    private final LongSupplier clock;
    private final Map<String, Job> jobsByName = new LinkedHashMap<>();
    private final Map<String, Job> jobsById = new HashMap<>();
    private final List<JobRequest> creates = new ArrayList<>();
    private final Map<Integer, JobOutcome.State> scriptedEnds = new HashMap<>();
    private final Set<Integer> loseAnswerOn = new HashSet<>();
    private final Map<Integer, String> notAdoptedOn = new HashMap<>();
    private final Set<Integer> giveUpAfterCreating = new HashSet<>();
    private final Map<Integer, Runnable> onFinish = new HashMap<>();
    private Duration restoreTime = Duration.ofMinutes(2);
    private int signedCalls;
    private int submitReads;

    private record Job(String id, JobRequest request, long createdMillis, JobOutcome.State end) {}

    FakeDrs(LongSupplier clock) {
        this.clock = clock;
    }

    /** The n-th job created (1-based) ends in this state; every other job succeeds. */
    synchronized FakeDrs endJob(int createNumber, JobOutcome.State state) {
        scriptedEnds.put(createNumber, state);
        return this;
    }

    /**
     * The submission that makes job {@code createNumber} also found this job of the same name and
     * did not adopt it (another campaign run's, as the real activity reports it).
     */
    synchronized FakeDrs foundNotAdoptedOn(int createNumber, String line) {
        notAdoptedOn.put(createNumber, line);
        return this;
    }

    /** The n-th create (1-based) succeeds on DRS, but its answer is lost on the way back. */
    synchronized FakeDrs loseAnswerOnCreate(int createNumber) {
        loseAnswerOn.add(createNumber);
        return this;
    }

    /**
     * The n-th create succeeds on DRS, but the activity gives up for good (as when its retries
     * run out): the workflow never learns the job id.
     */
    synchronized FakeDrs giveUpAfterCreating(int createNumber) {
        giveUpAfterCreating.add(createNumber);
        return this;
    }

    /** Runs the hook when the n-th job is seen finished, just before the answer goes back. */
    synchronized FakeDrs whenJobFinishes(int createNumber, Runnable hook) {
        onFinish.put(createNumber, hook);
        return this;
    }

    synchronized FakeDrs restoreTime(Duration duration) {
        restoreTime = duration;
        return this;
    }

    synchronized List<JobRequest> creates() {
        return List.copyOf(creates);
    }

    synchronized int signedCalls() {
        return signedCalls;
    }

    /** How many submissions read their job back in the same call ({@link #submitJobAndRead}). */
    synchronized int submitReads() {
        return submitReads;
    }

    @Override
    public synchronized String submitJob(JobRequest request) {
        sign();
        Job existing = jobsByName.get(request.name());
        if (existing != null) {
            return existing.id();
        }
        int number = creates.size() + 1;
        Job job = new Job(
                "job-" + number,
                request,
                clock.getAsLong(),
                scriptedEnds.getOrDefault(number, JobOutcome.State.SUCCESS));
        jobsByName.put(request.name(), job);
        jobsById.put(job.id(), job);
        creates.add(request);
        if (giveUpAfterCreating.remove(number)) {
            throw ApplicationFailure.newNonRetryableFailure("gave up after the job was created", REJECTED);
        }
        if (loseAnswerOn.remove(number)) {
            throw new IllegalStateException("connection reset after the job was created");
        }
        return job.id();
    }

    @Override
    public synchronized SubmittedJob submitJobAndRead(JobRequest request) {
        String jobId = submitJob(request);
        submitReads++;
        String notAdopted = notAdoptedOn.remove(Integer.parseInt(jobId.substring("job-".length())));
        return new SubmittedJob(
                jobId, ended(jobsById.get(jobId)).orElse(null), notAdopted == null ? List.of() : List.of(notAdopted));
    }

    @Override
    public synchronized List<String> submitJobs(List<JobRequest> requests) {
        return requests.stream().map(this::submitJob).toList();
    }

    @Override
    public synchronized JobOutcome awaitJob(String jobId) {
        sign();
        Job job = jobsById.get(jobId);
        if (job == null) {
            throw ApplicationFailure.newNonRetryableFailure("job " + jobId + " does not exist", REJECTED);
        }
        return ended(job)
                .orElseThrow(() -> ApplicationFailure.newFailure("job " + jobId + " is TRANSFERRING", STILL_RUNNING));
    }

    /** How the job ended, or empty while its restore time has not passed. */
    private Optional<JobOutcome> ended(Job job) {
        if (clock.getAsLong() < job.createdMillis() + restoreTime.toMillis()) {
            return Optional.empty();
        }
        Runnable hook = onFinish.remove(Integer.parseInt(job.id().substring("job-".length())));
        if (hook != null) {
            hook.run();
        }
        String errorLog = job.end() == JobOutcome.State.SUCCESS
                ? null
                : "restore of " + fileKey(job.request()) + " failed: LSN gap";
        return Optional.of(new JobOutcome(
                job.id(),
                job.end(),
                errorLog,
                String.valueOf(job.createdMillis()),
                String.valueOf(job.createdMillis() + restoreTime.toMillis())));
    }

    /** The file a job restores: the OBS file name, or the RDS backup's file id. */
    private static String fileKey(JobRequest request) {
        return request.fileSource() == JobRequest.FileSource.RDS ? request.rdsFileId() : request.fileName();
    }

    /** Stands in for the client's authentication: the secrets are used, but only in here. */
    private void sign() {
        if (TOKEN.isEmpty() || ACCESS_KEY.isEmpty() || SECRET_KEY.isEmpty()) {
            throw new IllegalStateException("no credentials");
        }
        signedCalls++;
    }
}
