package io.cutover.activities;

import io.cutover.activity.DrsActivities;
import io.cutover.activity.JobOutcome;
import io.cutover.activity.JobRequest;
import io.cutover.activity.SubmittedJob;
import io.cutover.backup.BackupStore;
import io.cutover.backup.BackupStoreException;
import io.cutover.drs.DrsAuthenticationException;
import io.cutover.drs.DrsClient;
import io.cutover.drs.DrsException;
import io.cutover.drs.DrsJobNotFoundException;
import io.cutover.drs.DrsRejectedException;
import io.cutover.drs.DrsUnavailableException;
import io.cutover.drs.model.BackupFile;
import io.cutover.drs.model.BackupInfo;
import io.cutover.drs.model.BaseInfo;
import io.cutover.drs.model.CreateJobRequest;
import io.cutover.drs.model.FileSource;
import io.cutover.drs.model.JobDetail;
import io.cutover.drs.model.JobList;
import io.cutover.drs.model.JobStatus;
import io.cutover.drs.model.JobSummary;
import io.cutover.drs.model.ListJobsQuery;
import io.cutover.drs.model.RecoveryMode;
import io.cutover.drs.model.ResourceTag;
import io.cutover.drs.model.RestoreOptions;
import io.cutover.drs.model.TargetDbInfo;
import io.cutover.drs.validation.CreateRequestPrecheck;
import io.cutover.drs.validation.InvalidRequestException;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DrsActivities} on top of the DRS v5 client. */
public class DrsActivitiesImpl implements DrsActivities {

    /** ApplicationFailure type of a retryable DRS failure (throttling, 5xx, timeout, I/O). */
    public static final String UNAVAILABLE = "DrsUnavailable";

    /**
     * ApplicationFailure type of refused credentials. Not retryable: retrying a wrong password
     * every few seconds would only get the IAM user locked.
     */
    public static final String AUTHENTICATION_FAILED = "DrsAuthenticationFailed";

    /** ApplicationFailure type of a job DRS does not know. */
    public static final String JOB_NOT_FOUND = "DrsJobNotFound";

    /** ApplicationFailure type of a name look-up that could not be completed. */
    public static final String LOOKUP_INCONCLUSIVE = "DrsLookupInconclusive";

    /** Jobs asked for per list page; DRS's default of 10 would mean needless round trips. */
    static final int PAGE_SIZE = 50;

    /** Bound on list pages read for one name, in case the answers never reach their count. */
    static final int MAX_PAGES = 100;

    private static final Logger log = LoggerFactory.getLogger(DrsActivitiesImpl.class);

    /**
     * How long after a create whose answer was lost the job may still be missing from list. DRS
     * has no idempotency key and says nothing of how soon list shows a new job, nor how long a
     * create may still be processed after its caller gave up; 60 s is the longest a call is
     * commonly held by an API gateway before it is cut (assumed, not documented for DRS). The wait
     * is paid only when such a create left no job behind.
     */
    public static final Duration DEFAULT_CREATE_VISIBILITY = Duration.ofSeconds(60);

    /**
     * How many of {@link #submitJobs}' submissions run at once. DRS documents no rate limit for its
     * create; 25 keeps a wave of 50 finals to two rounds of calls (with ten, five rounds took 200 ms
     * of the commit), and a throttled call is retried by the client as any other.
     */
    static final int PARALLEL_SUBMISSIONS = 25;

    /** Pause between look-ups while a create in doubt may still appear. */
    static final Duration LOOKUP_PAUSE = Duration.ofSeconds(1);

    private final DrsClient drs;
    private final Duration createVisibility;
    /** Creates that may have reached DRS without their answer: see {@link CreatesInDoubt}. */
    private final CreatesInDoubt createsInDoubt;

    public DrsActivitiesImpl(DrsClient drs) {
        this(drs, DEFAULT_CREATE_VISIBILITY, null);
    }

    /**
     * @param store where a create about to be sent is recorded first, so that a worker started
     *     after this one died mid-create knows it may exist; null keeps the record in this process
     */
    public DrsActivitiesImpl(DrsClient drs, Duration createVisibility, BackupStore store) {
        this.drs = Objects.requireNonNull(drs, "drs");
        this.createVisibility = Objects.requireNonNull(createVisibility, "createVisibility");
        this.createsInDoubt = new CreatesInDoubt(store);
    }

    @Override
    public String submitJob(JobRequest request) {
        return submit(request).jobId();
    }

    @Override
    public SubmittedJob submitJobAndRead(JobRequest request) {
        SubmittedJob submitted = submit(request);
        String jobId = submitted.jobId();
        JobOutcome ended;
        try {
            ended = ended(jobId, drs.showJob(jobId)).orElse(null);
        } catch (DrsException e) {
            // The job exists: a failed read must not fail the submission (its retry would only find
            // the job again). The wait that follows reads it, and handles that failure as it always has.
            log.info(
                    "DRS job {} could not be read right after its submission ({}); waiting for it instead",
                    jobId,
                    e.getMessage());
            ended = null;
        }
        return new SubmittedJob(jobId, ended, submitted.notAdopted());
    }

    @Override
    public List<String> submitJobs(List<JobRequest> requests) {
        return SubmissionsTogether.submit(requests, PARALLEL_SUBMISSIONS, this::submitOrNull);
    }

    /** One of {@link #submitJobs}: its job id, or null when it failed (logged). */
    private String submitOrNull(JobRequest request) {
        try {
            return submit(request).jobId();
        } catch (RuntimeException e) {
            log.warn("DRS job {} was not submitted with the others: {}", request.name(), e.getMessage());
            return null;
        }
    }

    /**
     * Finds the job by its exact name, else creates it. Of the jobs found, the first made that is
     * this request's (same run, target and file: {@link JobAdoption}) is adopted; the others are
     * named in the answer, never adopted.
     */
    private SubmittedJob submit(JobRequest request) {
        CreateJobRequest body = toCreateRequest(request);
        try {
            // Validate before the look-up too: a bad request must fail before any call.
            CreateRequestPrecheck.requireValid(body);
            Found found = lookUp(request);
            // A create of this name whose answer was lost may not be listed yet: never conclude that
            // it is absent (and create a second job) before it had the whole window to appear.
            Optional<Long> sent = found.adopted() == null ? createsInDoubt.sentAt(request) : Optional.empty();
            while (found.adopted() == null
                    && sent.isPresent()
                    && System.currentTimeMillis() < sent.get() + createVisibility.toMillis()) {
                pause();
                found = lookUp(request);
            }
            if (found.adopted() != null) {
                log.info("DRS job {} already exists as {}; not creating it again", request.name(), found.adopted());
                createsInDoubt.known(request);
                return new SubmittedJob(found.adopted(), null, found.notAdopted());
            }
            String jobId = create(request, body);
            log.info("DRS job {} created as {}", request.name(), jobId);
            return new SubmittedJob(jobId, null, found.notAdopted());
        } catch (InvalidRequestException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), REJECTED);
        } catch (DrsException e) {
            throw toFailure(e);
        } catch (BackupStoreException e) {
            // Not sent: a create is sent only once its record is written (see CreatesInDoubt).
            throw ApplicationFailure.newFailure(
                    "the record of the create of " + request.name() + " could not be written to the bucket: "
                            + e.getMessage(),
                    UNAVAILABLE);
        }
    }

    /** The jobs named as the request: the one adopted (or null), and the lines about the others. */
    private record Found(String adopted, List<String> notAdopted) {}

    private Found lookUp(JobRequest request) {
        List<String> notAdopted = new ArrayList<>();
        for (JobSummary found : findByExactName(request.name())) {
            JobDetail job = showFound(found);
            Optional<String> mismatch = JobAdoption.mismatch(request, job);
            if (mismatch.isEmpty()) {
                return new Found(found.id(), List.copyOf(notAdopted));
            }
            String line = JobAdoption.describe(request, job, mismatch.get());
            log.warn(line);
            notAdopted.add(line);
        }
        return new Found(null, List.copyOf(notAdopted));
    }

    /**
     * Creates the job. It is recorded as about to be sent first, and a create whose answer was lost
     * after it may have reached DRS is remembered; one certainly not applied is not.
     */
    private String create(JobRequest request, CreateJobRequest body) {
        long sentAt = System.currentTimeMillis();
        createsInDoubt.sending(request, sentAt);
        try {
            String jobId = drs.createJob(body).jobId();
            createsInDoubt.known(request);
            return jobId;
        } catch (DrsUnavailableException e) {
            if (e.maybeApplied()) {
                createsInDoubt.lost(request, sentAt, createVisibility.toMillis());
            } else {
                createsInDoubt.notSent(request);
            }
            throw e;
        } catch (DrsException e) {
            createsInDoubt.notSent(request);
            throw e;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(LOOKUP_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newBuilder()
                    .setMessage("interrupted while looking for a job")
                    .setType(UNAVAILABLE)
                    .build();
        }
    }

    @Override
    public JobOutcome awaitJob(String jobId) {
        JobDetail job;
        // One read, but the client retries it in-process (throttling, 5xx) for up to minutes: beat
        // meanwhile, so that a worker lost mid-read is replaced within the heartbeat timeout.
        try (Heartbeat beating = Heartbeat.start(Activity.getExecutionContext(), jobId, () -> null)) {
            job = drs.showJob(jobId);
        } catch (DrsException e) {
            throw toFailure(e);
        }
        return ended(jobId, job)
                .orElseThrow(() ->
                        ApplicationFailure.newFailure("DRS job " + jobId + " is still " + job.status(), STILL_RUNNING));
    }

    /** How the job ended, or empty while it still runs (an unknown status counts as running). */
    private static Optional<JobOutcome> ended(String jobId, JobDetail job) {
        JobStatus status = job.jobStatus();
        return switch (status) {
            case SUCCESS -> Optional.of(outcome(jobId, JobOutcome.State.SUCCESS, job));
            case FAILED -> Optional.of(outcome(jobId, JobOutcome.State.FAILED, job));
            case PRECHECK_FAILED -> Optional.of(outcome(jobId, JobOutcome.State.PRECHECK_FAILED, job));
            case TRANSFERRING, UNKNOWN -> {
                if (status == JobStatus.UNKNOWN) {
                    log.warn(
                            "DRS job {} has status {} which this client does not know; still waiting",
                            jobId,
                            job.status());
                }
                yield Optional.empty();
            }
        };
    }

    /**
     * Every job with exactly this name, the first made first. DRS's name filter is a fuzzy match,
     * and names are case-insensitive: read every page of candidates and compare exactly (ignoring
     * case) here.
     */
    private List<JobSummary> findByExactName(String name) {
        List<JobSummary> matches = new ArrayList<>();
        int offset = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            JobList candidates = drs.listJobs(ListJobsQuery.byName(name, PAGE_SIZE, offset));
            candidates.jobs().stream()
                    .filter(job -> name.equalsIgnoreCase(job.name()))
                    .forEach(matches::add);
            offset += candidates.jobs().size();
            if (candidates.jobs().isEmpty() || offset >= candidates.count()) {
                matches.sort(
                        Comparator.comparing(DrsActivitiesImpl::createdMillis).thenComparing(JobSummary::id));
                return matches;
            }
        }
        // Creating now could make a second job for this name: stop and let an operator look.
        throw ApplicationFailure.newNonRetryableFailure(
                "More than " + MAX_PAGES * PAGE_SIZE + " DRS jobs match the name " + name
                        + "; cannot tell whether it exists",
                LOOKUP_INCONCLUSIVE);
    }

    /**
     * Reads a job the list named. One that list shows but show does not know yet may be ours: the
     * submission is tried again later (retryable), never answered by a second create.
     */
    private JobDetail showFound(JobSummary found) {
        try {
            return drs.showJob(found.id());
        } catch (DrsJobNotFoundException e) {
            throw ApplicationFailure.newBuilder()
                    .setMessage("DRS job " + found.id() + " named " + found.name()
                            + " is listed but cannot be read yet; looking again")
                    .setType(UNAVAILABLE)
                    .build();
        }
    }

    /** create_time in epoch milliseconds, as DRS gives it; a job without one sorts last. */
    private static long createdMillis(JobSummary job) {
        try {
            return Long.parseLong(job.createTime());
        } catch (NumberFormatException | NullPointerException e) {
            return Long.MAX_VALUE;
        }
    }

    private static ApplicationFailure toFailure(DrsException e) {
        if (e instanceof DrsRejectedException) {
            return ApplicationFailure.newNonRetryableFailure(e.getMessage(), REJECTED, e.errorCode(), e.errorMsg());
        }
        if (e instanceof DrsJobNotFoundException) {
            return ApplicationFailure.newNonRetryableFailure(e.getMessage(), JOB_NOT_FOUND);
        }
        if (e instanceof DrsAuthenticationException) {
            return ApplicationFailure.newNonRetryableFailure(e.getMessage(), AUTHENTICATION_FAILED);
        }
        ApplicationFailure.Builder failure = ApplicationFailure.newBuilder()
                .setMessage(e.getMessage())
                .setType(UNAVAILABLE)
                .setNonRetryable(false);
        // DRS's Retry-After overrides the retry policy's own backoff for the next attempt.
        e.retryAfter().ifPresent(failure::setNextRetryDelay);
        return failure.build();
    }

    private static JobOutcome outcome(String jobId, JobOutcome.State state, JobDetail job) {
        return new JobOutcome(jobId, state, job.errorLog(), job.createTime(), job.finishTime());
    }

    /** Maps the workflow's request onto the seed's body, as the console sends it. */
    static CreateJobRequest toCreateRequest(JobRequest request) {
        boolean rds = request.fileSource() == JobRequest.FileSource.RDS;
        List<ResourceTag> tags = request.tags() == null
                ? List.of()
                : request.tags().stream()
                        .map(tag -> tag == null ? null : new ResourceTag(tag.key(), tag.value()))
                        .toList();
        BackupFile file = rds
                ? new BackupFile(
                        Objects.requireNonNullElse(request.fileName(), ""),
                        "",
                        request.rdsVersion(),
                        request.rdsSourceInstanceId())
                : BackupFile.inObs(request.fileName(), request.obsPath());
        return new CreateJobRequest(
                new BaseInfo(
                        request.name(), BaseInfo.SQLSERVER, request.description(), tags, request.enterpriseProjectId()),
                new TargetDbInfo(request.targetInstanceId(), request.fileStream(), rds ? request.rdsFileId() : null),
                new BackupInfo(
                        request.fileSource() == null
                                ? null
                                : FileSource.valueOf(request.fileSource().name()),
                        rds ? null : request.bucketName(),
                        List.of(file)),
                new RestoreOptions(
                        request.cover(),
                        request.defaultRestore(),
                        request.lastBackup(),
                        request.precheck(),
                        request.recoveryMode() == null
                                ? null
                                : RecoveryMode.valueOf(request.recoveryMode().name()),
                        request.dbNames() == null || request.dbNames().isEmpty() ? null : request.dbNames(),
                        // The console sends an empty map when nothing is renamed; so does this client.
                        request.renameTo() == null ? Map.of() : Map.of("", request.renameTo()),
                        request.deleteBackupFile()));
    }
}
