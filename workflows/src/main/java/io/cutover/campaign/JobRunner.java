package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.BackupActivities;
import io.cutover.activity.BackupFile;
import io.cutover.activity.DrsActivities;
import io.cutover.activity.HeaderFacts;
import io.cutover.activity.JobOutcome;
import io.cutover.activity.JobRequest;
import io.cutover.activity.JobRequest.RecoveryMode;
import io.cutover.activity.StageRequest;
import io.cutover.activity.StagedBackup;
import io.cutover.activity.SubmittedJob;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpec.Mode;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.util.Optional;

/**
 * One DRS job for one file: stage the file, submit it exactly once by name, and wait for the job
 * to end. What it returns is the attempt's entry for the ledger; it never blocks on the operator.
 */
final class JobRunner {

    private final CampaignSpec spec;
    private final String runIdentity;
    private final CampaignActivities activities;
    private final DrsJobRequests requests;
    private final LogChain chain;
    private final CampaignNotes notes;
    private final CampaignDisplay display;
    private final InterruptibleWait waits;
    private final OperatorControls controls;
    private final JobTurns turns;

    JobRunner(
            CampaignSpec spec,
            String runIdentity,
            CampaignActivities activities,
            LogChain chain,
            CampaignNotes notes,
            CampaignDisplay display,
            InterruptibleWait waits,
            OperatorControls controls,
            JobTurns turns) {
        this.spec = spec;
        this.runIdentity = runIdentity;
        this.activities = activities;
        this.requests = new DrsJobRequests(spec, runIdentity);
        this.chain = chain;
        this.notes = notes;
        this.display = display;
        this.waits = waits;
        this.controls = controls;
        this.turns = turns;
    }

    /** Runs the file's job as attempt {@code attempt}; the entry says how it ended. */
    AppliedBackup run(Submission submission, int attempt) {
        String jobName = jobName(submission.key(), submission.sequence(), attempt);
        Attempt entry = new Attempt(submission, jobName, Workflow.currentTimeMillis());
        display.working(submission.key());
        display.publish();
        try {
            JobRequest request;
            if (spec.mode() == Mode.RDS_FULL) {
                entry.submittedName = spec.source().rds().fileId();
                request = requests.fromRds(jobName);
            } else {
                BackupFile file = submission.file() != null ? submission.file() : describeFullBackup();
                if (file == null) {
                    return entry.ended(
                            Outcome.ERROR, "backup not found: " + spec.source().bucket() + "/" + submission.key());
                }
                if (submission.file() == null) {
                    chain.anchor(file);
                }
                StagedBackup staged = stage(
                        stageRequest(submission.mode() == RecoveryMode.FULL ? asFull(file) : file),
                        submission.mode() == RecoveryMode.FULL);
                entry.submittedName = staged.obsPath() + staged.fileName();
                request = obsRequest(submission, attempt, staged);
            }
            if (!turns.take(jobName, controls::aborted)) {
                return entry.ended(
                        Outcome.ABANDONED, "the campaign was aborted while it waited for its turn: no job was made");
            }
            Optional<JobOutcome> outcome = submitAndAwait(request, entry);
            if (outcome.isEmpty()) {
                return entry.ended(
                        Outcome.ABANDONED, "the campaign was aborted while this job ran; DRS may still finish it");
            }
            return entry.ended(Outcome.of(outcome.get().state()), outcome.get().errorLog());
        } catch (ActivityFailure e) {
            return entry.ended(Outcome.ERROR, ActivityFailures.rootMessage(e));
        } finally {
            turns.giveBack();
            display.working(null);
        }
    }

    private Optional<JobOutcome> submitAndAwait(JobRequest request, Attempt entry) {
        DrsActivities submitter = activities.localDrs("submit " + entry.submittedName + " as DRS job " + entry.jobName);
        if (!CampaignVersions.adopted(CampaignVersions.SUBMIT_READS_JOB)) {
            entry.jobId = submitter.submitJob(request);
            return awaitJob(entry);
        }
        // A job that ended before the submission's read (a small log backup) costs no polling
        // activity: that is an activity task and a workflow task fewer, six history events.
        SubmittedJob submitted = submitter.submitJobAndRead(request);
        entry.jobId = submitted.jobId();
        if (submitted.notAdopted() != null && !submitted.notAdopted().isEmpty()) {
            // Jobs bearing this job's name made by another campaign run, for another target or for
            // another file: never adopted, and shown so that the operator can look at them in DRS.
            notes.foreignJobs(submitted.notAdopted());
        }
        return submitted.ended() != null ? Optional.of(submitted.ended()) : awaitJob(entry);
    }

    /** Waits for the job; the activity's retry policy is the poll loop. Empty when aborted. */
    private Optional<JobOutcome> awaitJob(Attempt entry) {
        DrsActivities drs =
                activities.jobWait("wait for DRS job " + entry.jobName + " restoring " + entry.submittedName);
        while (true) {
            try {
                return waits.until(() -> Async.function(drs::awaitJob, entry.jobId), controls::aborted);
            } catch (ActivityFailure e) {
                if (!ActivityFailures.windowEnded(e)) {
                    throw e;
                }
                // The job is still running after a whole window: wait on the same job again. A new
                // attempt would create a second job, which is exactly what must never happen.
            }
        }
    }

    /**
     * Log backups are small: they are staged by a local activity (one marker event, the budget of
     * 15 events per log backup holds). A full backup may be hundreds of GB: a heartbeating activity.
     */
    private StagedBackup stage(StageRequest request, boolean full) {
        String summary = "stage " + request.file().fileName();
        if (!full || !CampaignVersions.adopted(CampaignVersions.FULL_STAGING_ACTIVITY)) {
            return activities.localBackup(summary).stage(request);
        }
        BackupActivities stager = activities.fullStaging(summary + " (full backup, server-side copy)");
        return stager.stage(request);
    }

    /**
     * Stages the final's log backup ahead of its job (staging is idempotent: the job's own staging
     * then finds the copy made), and returns the request that job's first attempt will send, built
     * as {@link #run} builds it. A failure is reported, not fatal: the job's staging tries again,
     * and null is returned.
     */
    JobRequest stageFinalAhead(Submission finalBackup) {
        try {
            return obsRequest(finalBackup, 1, stage(stageRequest(finalBackup.file()), false));
        } catch (ActivityFailure e) {
            notes.report(
                    "could not stage " + finalBackup.key() + " ahead of its job: " + ActivityFailures.rootMessage(e));
            return null;
        }
    }

    /**
     * The request of one attempt at a staged file: one place, so that a final prepared ahead (and
     * created by the wave) is exactly the request its own job sends, found by its name.
     */
    private JobRequest obsRequest(Submission submission, int attempt, StagedBackup staged) {
        return requests.fromObs(
                jobName(submission.key(), submission.sequence(), attempt),
                staged,
                submission.mode(),
                submission.last());
    }

    private String jobName(String key, int sequence, int attempt) {
        return JobNames.of(spec.jobNamePrefix(), spec.campaignId(), runIdentity, key, sequence, attempt);
    }

    /**
     * The staging of a file: its copy named like the source (database, kind, time) in campaigns
     * that began with readable names, as they were before in those that did not.
     */
    private StageRequest stageRequest(BackupFile file) {
        String readableAs = CampaignVersions.adopted(CampaignVersions.READABLE_STAGED_NAMES)
                ? spec.source().database()
                : null;
        return new StageRequest(spec.source().bucket(), file, spec.source().stagingPrefix(), readableAs);
    }

    /** The full backup says it is one, whatever its name's convention made of it. */
    private static BackupFile asFull(BackupFile file) {
        if (file.kind() == BackupFile.Kind.FULL) {
            return file;
        }
        return new BackupFile(
                file.key(),
                file.size(),
                file.etag(),
                file.lastModifiedMillis(),
                file.storageClass(),
                BackupFile.Kind.FULL,
                file.database(),
                file.orderKey(),
                file.header());
    }

    private BackupFile describeFullBackup() {
        return activities
                .localBackup("describe full backup " + spec.source().fullBackup())
                .describe(spec.source().bucket(), spec.source().fullBackup());
    }

    /** One attempt's entry as it fills in: the staged name and the job id once known. */
    private static final class Attempt {
        private final Submission submission;
        private final String jobName;
        private final long startedMillis;
        private String submittedName;
        private String jobId;

        Attempt(Submission submission, String jobName, long startedMillis) {
            this.submission = submission;
            this.jobName = jobName;
            this.startedMillis = startedMillis;
        }

        /**
         * The attempt's entry. A backup restored in a chain planned by headers says in its note what
         * it held (type, LSN range, when taken), for the report.
         */
        AppliedBackup ended(Outcome outcome, String note) {
            HeaderFacts header =
                    submission.file() == null ? null : submission.file().header();
            if (outcome == Outcome.SUCCESS && header != null && (note == null || note.isEmpty())) {
                note = header.describe();
            }
            return new AppliedBackup(
                    submission.key(),
                    submittedName,
                    jobName,
                    jobId,
                    submission.mode(),
                    submission.last(),
                    startedMillis,
                    Workflow.currentTimeMillis(),
                    outcome,
                    note);
        }
    }
}
