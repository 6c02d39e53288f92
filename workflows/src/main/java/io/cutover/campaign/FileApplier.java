package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.BackupFile;
import io.cutover.activity.JobRequest;
import io.cutover.activity.JobRequest.RecoveryMode;
import io.cutover.activity.MissingLinkRequest;
import io.cutover.campaign.OperatorControls.Decision;
import io.cutover.spec.CampaignSpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Applies one file until the operator has nothing left to decide: its job runs; while it fails
 * the campaign is blocked until the operator retries (a new attempt, a new job name; before a log
 * backup's retry the log backups missing before it are applied first), skips (recorded) or
 * aborts. Every attempt goes to the ledger.
 */
final class FileApplier {

    private final CampaignSpec spec;
    private final CampaignActivities activities;
    private final JobRunner jobs;
    private final LogChain chain;
    private final LedgerBacklog ledger;
    private final OperatorControls controls;
    private final CampaignNotes notes;
    private final CampaignDisplay display;
    private int appliedThisRun;

    FileApplier(
            CampaignSpec spec,
            CampaignActivities activities,
            JobRunner jobs,
            LogChain chain,
            LedgerBacklog ledger,
            OperatorControls controls,
            CampaignNotes notes,
            CampaignDisplay display) {
        this.spec = spec;
        this.activities = activities;
        this.jobs = jobs;
        this.chain = chain;
        this.ledger = ledger;
        this.controls = controls;
        this.notes = notes;
        this.display = display;
    }

    /** The full backup (or the RDS backup, by key "rds:" and its id); null when aborted. */
    AppliedBackup applyFull(String key, boolean last) {
        return untilDecided(Submission.full(key, last));
    }

    /** A pending log backup, the final one when {@code last}; how it ended, or null when aborted. */
    AppliedBackup applyLog(BackupFile file, boolean last) {
        String passed = chain.takeForSubmission(file);
        AppliedBackup result = applyInChain(Submission.log(file, last, chain.drawSequence(), passed));
        display.publish();
        return result;
    }

    /**
     * Stages the prepare phase's final before its job; returns the request its job will send (null
     * when staging failed): the submission {@code applyLog(file, true)} will make, since nothing is
     * applied while a final is held and its job so takes the next sequence number.
     */
    JobRequest stageFinalAhead(BackupFile file) {
        return jobs.stageFinalAhead(Submission.log(file, true, chain.nextSequence(), null));
    }

    /** Log backups of the chain applied by this run of the workflow (continue-as-new counts them). */
    int appliedThisRun() {
        return appliedThisRun;
    }

    /** Applies one log backup of the chain and counts it once it succeeded. */
    private AppliedBackup applyInChain(Submission submission) {
        AppliedBackup result = untilDecided(submission);
        if (result != null && result.succeeded()) {
            chain.applied(submission.file());
            appliedThisRun++;
        }
        return result;
    }

    /** Returns the last attempt or the skip, null on abort. */
    private AppliedBackup untilDecided(Submission toApply) {
        Submission submission = toApply;
        int attempt = 1;
        while (true) {
            if (!controls.awaitRunning(display::publish)) {
                return null;
            }
            AppliedBackup result = jobs.run(submission, attempt);
            ledger.record(result);
            if (result.succeeded()) {
                return result;
            }
            if (result.outcome() == Outcome.ABANDONED) {
                return null;
            }
            String reason = result.outcome() + ": " + (result.note() == null ? "(no error_log)" : result.note());
            Decision answer =
                    controls.awaitDecision(submission.key(), reason, submission.skippable(), display::publish);
            if (answer == null) {
                return null;
            }
            if (answer.kind() == Decision.Kind.SKIP) {
                AppliedBackup skipped =
                        AppliedBackup.skipped(result, submission.mode(), Workflow.currentTimeMillis(), answer.reason());
                ledger.record(skipped);
                return skipped;
            }
            if (submission.mode() == RecoveryMode.INCRE
                    && submission.file() != null
                    && submission.file().header() == null
                    && CampaignVersions.adopted(CampaignVersions.MISSING_LINKS)) {
                submission = applyMissingLinks(submission);
                if (submission == null) {
                    return null;
                }
            }
            // A retry gets a new name only when DRS knows a job under the old one. When no job id came
            // back (the submission itself gave up), DRS may still have created the job: the same name
            // lets "find by name, else create" pick it up instead of making a second one.
            if (result.jobId() != null) {
                attempt++;
            }
        }
    }

    /**
     * Before the operator's retry of a failed log backup: a log backup uploaded late, after its
     * successor was submitted, leaves an LSN gap that fails the successor's job, and retrying that
     * job alone fails the same way. The log backups now in the bucket between the last one passed
     * and the blocked one are applied first, in chain order, each exactly once like any other (and
     * each may block in turn). Returns the blocked submission with the last file passed; null when
     * the campaign was aborted meanwhile. When the search itself fails, the retry goes ahead alone.
     */
    private Submission applyMissingLinks(Submission blockedOn) {
        List<BackupFile> links;
        try {
            links = activities
                    .localBackup("look for log backups missing before "
                            + blockedOn.file().fileName())
                    .findMissingLinks(new MissingLinkRequest(
                            spec.source(), spec.timing().settleSeconds(), blockedOn.passedOrderKey(), blockedOn.key()));
        } catch (ActivityFailure e) {
            notes.report("retry of " + blockedOn.key() + ": could not look for missing log backups: "
                    + ActivityFailures.rootMessage(e));
            return blockedOn;
        }
        String passed = blockedOn.passedOrderKey();
        for (BackupFile link : links) {
            notes.report("missing link " + link.key() + " found before " + blockedOn.key() + ": applied first");
            AppliedBackup result = applyInChain(Submission.log(link, false, chain.drawSequence(), passed));
            if (result == null) {
                return null;
            }
            passed = LogChain.orderOf(link);
        }
        return blockedOn.after(passed);
    }
}
