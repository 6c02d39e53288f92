package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.BackupActivities;
import io.cutover.activity.BackupFile;
import io.cutover.activity.JobRequest.RecoveryMode;
import io.cutover.activity.LedgerSummary;
import io.cutover.activity.MissingLinkRequest;
import io.cutover.campaign.CampaignNotes.Alarm;
import io.cutover.campaign.OperatorControls.Decision;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpec.Mode;
import io.cutover.spec.CampaignSpecValidator;
import io.cutover.spec.InvalidSpecException;
import io.cutover.spec.SourceSpec;
import io.cutover.spec.SpecViolation;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The campaign as the DBA's runbook reads: validate, restore the full backup, catch up on log
 * backups until the operator cuts over, cut over with the final file, finalize with a report.
 * Each concern around it lives in a class of its own: the chain ({@link LogChain}), one job
 * ({@link JobRunner}), the cutover ({@link Cutover}), the operator's controls ({@link
 * OperatorControls}), the ledger ({@link LedgerBacklog}), what operators see ({@link
 * CampaignDisplay}) and the report lines and alarms ({@link CampaignNotes}).
 *
 * <p>History cost per log backup is kept at 15 events: discovery and the wait for a job are
 * activities whose retry policy is the poll loop (no events while nothing changes), and staging
 * and submission are short calls run as local activities inside the workflow task that handles
 * the discovery (one marker event each). The submission reads its job back once, so a job that
 * has already ended needs no wait at all: such a log backup costs 9 events.
 *
 * <p>History is bounded in size too, however long the campaign runs: what it did (every job,
 * skip and refused object) goes to a ledger in the backup store, a part per run, and the state
 * carried across continue-as-new keeps only the most recent entries. The report is assembled
 * from the ledger at the end.
 */
public class CampaignWorkflowImpl implements CampaignWorkflow {

    private static final Logger log = Workflow.getLogger(CampaignWorkflowImpl.class);

    /** ApplicationFailure type of a spec the workflow refuses to run. */
    public static final String INVALID_SPEC = "InvalidCampaignSpec";

    private final CampaignSpec spec;
    private final CampaignActivities activities;
    private final CampaignNotes notes;
    private final LedgerBacklog ledger;
    private final LogChain chain;
    private final Cutover cutover;
    private final OperatorControls controls;
    private final CampaignDisplay display;
    private final InterruptibleWait waits;

    // Carried across continue-as-new (see CampaignState), besides what the collaborators carry.
    private boolean validated;
    private final int completedRuns;
    private final long continueAsNewAfterEvents;
    private AppliedBackup fullJob;
    private String runIdentity;

    // This run only.
    private JobRunner jobs;
    private int filesThisRun;
    private long onlineMillis = -1;

    /**
     * Loads the carried state before any handler runs, so that a signal or update arriving in the
     * first workflow task of a new run sees the whole campaign.
     */
    @WorkflowInit
    public CampaignWorkflowImpl(CampaignSpec spec, CampaignState carried) {
        CampaignState state = carried == null ? CampaignState.start() : carried;
        this.spec = spec;
        this.validated = state.validated();
        this.completedRuns = state.completedRuns();
        this.continueAsNewAfterEvents = state.continueAsNewAfterEvents();
        this.fullJob = state.fullJob();
        this.runIdentity = state.runIdentity();
        this.activities = new CampaignActivities(spec.timing());
        this.notes = new CampaignNotes(state.reports(), state.alarms());
        this.ledger = new LedgerBacklog(spec, state, activities, notes);
        this.chain = new LogChain(spec, state);
        this.cutover = new Cutover(spec, state.cutover(), notes);
        this.controls = new OperatorControls(state, notes);
        this.display =
                new CampaignDisplay(spec, completedRuns + 1, chain, cutover, controls, notes, ledger, () -> fullJob);
        this.waits = new InterruptibleWait(cutover, display::publish);
    }

    @Override
    public CampaignReport run(CampaignSpec spec, CampaignState carried) {
        validate();
        ledger.decide(runIdentity);
        jobs = new JobRunner(spec, runIdentity, activities, chain, notes, display, waits, controls);
        if (spec.mode() == Mode.FULL_AND_INCREMENTAL) {
            restoreFull(false);
            BackupFile finalBackup = catchUp();
            if (finalBackup != null) {
                cutOver(finalBackup);
            }
        } else {
            // The seed's one-shot scenarios: the only job is the last one, by the operator's choice
            // of mode, so it goes with is_last_backup=true without a cutover.
            restoreFull(true);
        }
        return finish();
    }

    // ---- The runbook ----------------------------------------------------------------------

    /** Reject a bad spec before anything is submitted, listing every violation. */
    private void validate() {
        if (validated) {
            return;
        }
        // Checked before anything else reads the spec, so that a spec with missing parts fails the
        // workflow with the list of violations instead of failing its tasks with a null pointer.
        List<SpecViolation> violations = CampaignSpecValidator.validate(spec);
        if (!violations.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    InvalidSpecException.describe(violations),
                    INVALID_SPEC,
                    violations.stream().map(SpecViolation::toString).toList());
        }
        if (CampaignVersions.adopted(CampaignVersions.JOB_IDENTITY)) {
            // Twelve hex digits (48 bits) of a deterministic UUID: unique among the runs that could
            // ever share a campaign id and a DRS project, and short enough for the 50-character name.
            runIdentity = Workflow.randomUUID().toString().replace("-", "").substring(0, 12);
        }
        validated = true;
        display.publish();
    }

    /** Restore the full backup (from OBS or from an RDS backup) and wait for SUCCESS. */
    private void restoreFull(boolean last) {
        if (fullJob != null && fullJob.succeeded()) {
            return;
        }
        display.step(Phase.FULL_RESTORE);
        display.publish();
        SourceSpec source = spec.source();
        String key = spec.mode() == Mode.RDS_FULL ? "rds:" + source.rds().fileId() : source.fullBackup();
        fullJob = applyUntilDecided(new Submission(key, null, RecoveryMode.FULL, last, 0, false, null));
        if (last && fullJob != null && fullJob.succeeded()) {
            onlineMillis = fullJob.endedMillis();
        }
    }

    /**
     * Apply log backups in chain order as they settle, until the next one is the cutover's final
     * file. Returns that file, or null when the campaign was aborted.
     */
    private BackupFile catchUp() {
        if (controls.aborted()) {
            return null;
        }
        display.step(Phase.CATCHING_UP);
        display.publish();
        while (!controls.aborted()) {
            if (!controls.awaitRunning(display::publish)) {
                return null;
            }
            if (ledger.partDue()) {
                writeLedgerPart();
            }
            if (continueAsNewDue()) {
                continueAsNew();
            }
            if (!chain.hasPending()) {
                watchForBackups();
                continue;
            }
            BackupFile next = chain.next();
            if (cutover.chooseIfFinal(next)) {
                return next;
            }
            applyLog(next, false);
        }
        return null;
    }

    /** Submit the final file with is_last_backup=true: the database comes online. */
    private void cutOver(BackupFile finalBackup) {
        display.step(Phase.FINALIZING);
        display.publish();
        AppliedBackup result = applyLog(finalBackup, true);
        if (result != null && result.succeeded()) {
            onlineMillis = result.endedMillis();
        }
    }

    /** The report: every file, the downtime, and what was left out. */
    private CampaignReport finish() {
        boolean aborted = controls.aborted();
        display.step(aborted ? Phase.ABORTED : Phase.COMPLETED);
        for (BackupFile left : chain.drain()) {
            refuse(
                    left.key(),
                    Outcome.NOT_APPLIED,
                    aborted ? "the campaign was aborted" : "comes after the final backup");
        }
        LedgerSummary summary = ledger.close(display::publish);
        display.publish();
        long requested = cutover.requested() ? cutover.state().requestedAtMillis() : -1;
        long downtime = requested >= 0 && onlineMillis >= 0 ? onlineMillis - requested : -1;
        return new CampaignReport(
                spec.campaignId(),
                display.runbookStep(),
                ledger.forReport(),
                requested,
                onlineMillis,
                downtime,
                controls.abortReason(),
                summary,
                notes.alarms());
    }

    // ---- Applying one file ----------------------------------------------------------------

    /** Apply a pending log backup; returns how it ended, or null when aborted. */
    private AppliedBackup applyLog(BackupFile file, boolean last) {
        String passed = chain.takeForSubmission(file);
        AppliedBackup result = applyInChain(
                new Submission(file.key(), file, RecoveryMode.INCRE, last, chain.drawSequence(), !last, passed));
        display.publish();
        return result;
    }

    /** Applies one log backup of the chain and counts it once it succeeded. */
    private AppliedBackup applyInChain(Submission submission) {
        AppliedBackup result = applyUntilDecided(submission);
        if (result != null && result.succeeded()) {
            chain.applied(submission.file());
            filesThisRun++;
        }
        return result;
    }

    /**
     * Run the file's job; while it fails, block until the operator retries (a new attempt, a new
     * job name), skips (recorded) or aborts. Returns the last attempt or the skip, null on abort.
     */
    private AppliedBackup applyUntilDecided(Submission toApply) {
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
                long now = Workflow.currentTimeMillis();
                AppliedBackup skipped = new AppliedBackup(
                        submission.key(),
                        result.submittedName(),
                        null,
                        null,
                        submission.mode(),
                        false,
                        now,
                        now,
                        Outcome.SKIPPED,
                        answer.reason());
                ledger.record(skipped);
                return skipped;
            }
            if (submission.mode() == RecoveryMode.INCRE
                    && submission.file() != null
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
            AppliedBackup result = applyInChain(
                    new Submission(link.key(), link, RecoveryMode.INCRE, false, chain.drawSequence(), true, passed));
            if (result == null) {
                return null;
            }
            passed = LogChain.orderOf(link);
        }
        return blockedOn.after(passed);
    }

    // ---- Watching the bucket --------------------------------------------------------------

    /**
     * Waits for new log backups, or for the operator. The discovery activity fails while nothing
     * is new and its retry policy waits a poll interval between listings, which costs no history;
     * an operator's action cancels it at once.
     */
    private void watchForBackups() {
        int epoch = controls.epoch();
        BackupActivities watcher =
                activities.bucketWatch("watch " + spec.source().bucket() + "/"
                        + (spec.source().prefix() == null ? "" : spec.source().prefix()) + " for log backups after "
                        + (chain.headOrderKey() == null ? "the full backup" : chain.headOrderKey()));
        var request = chain.nextDiscovery();
        try {
            waits.until(() -> Async.function(watcher::awaitNewBackups, request), () -> controls.epoch() != epoch)
                    .ifPresent(found -> {
                        chain.admit(found, ledger::appliedRecently)
                                .forEach(refusal -> refuse(refusal.key(), refusal.problem(), refusal.reason()));
                        display.publish();
                    });
            notes.clear(Alarm.DISCOVERY);
        } catch (ActivityFailure e) {
            if (ActivityFailures.windowEnded(e)) {
                return;
            }
            // A failure that retrying did not cure (access denied, a missing bucket): tell the
            // operator and look again after a poll interval rather than spinning.
            notes.raise(Alarm.DISCOVERY, "discovery is failing: " + ActivityFailures.rootMessage(e));
            display.publish();
            Workflow.await(Duration.ofSeconds(spec.timing().pollIntervalSeconds()), () -> controls.epoch() != epoch);
        }
    }

    /** Records a file that will not be applied, in the ledger and the report lines. */
    private void refuse(String key, Outcome problem, String reason) {
        long now = Workflow.currentTimeMillis();
        ledger.record(new AppliedBackup(key, null, null, null, RecoveryMode.INCRE, false, now, now, problem, reason));
        notes.report(problem + " " + key + ": " + reason);
    }

    // ---- Continue-as-new ------------------------------------------------------------------

    private boolean continueAsNewDue() {
        WorkflowInfo info = Workflow.getInfo();
        return filesThisRun >= spec.timing().continueAsNewEveryFiles()
                || info.isContinueAsNewSuggested()
                || info.getHistoryLength() >= continueAsNewAfterEvents;
    }

    /** Start a fresh run with the whole state, once no handler is half-way. */
    private void continueAsNew() {
        writeLedgerPart();
        Workflow.await(Workflow::isEveryHandlerFinished);
        log.info(
                "continuing as new after {} files, {} events",
                filesThisRun,
                Workflow.getInfo().getHistoryLength());
        Workflow.continueAsNew(spec, snapshot());
    }

    private void writeLedgerPart() {
        if (!ledger.writePart()) {
            display.publish();
        }
    }

    private CampaignState snapshot() {
        return new CampaignState(
                validated,
                completedRuns + 1,
                continueAsNewAfterEvents,
                fullJob,
                ledger.backlog(),
                chain.appliedCount(),
                chain.nextSequence(),
                chain.cursor(),
                chain.headOrderKey(),
                chain.lastSubmittedOrderKey(),
                chain.newestAppliedModifiedMillis(),
                chain.pending(),
                controls.paused(),
                cutover.state(),
                notes.reports(),
                notes.alarmsByKind(),
                controls.abortReason(),
                ledger.recent(),
                ledger.partsWritten(),
                runIdentity);
    }

    // ---- Operator interface: handlers only set state --------------------------------------

    @Override
    public void cutover(CutoverRequest request) {
        Optional<String> rejection = cutoverRejection(request);
        if (rejection.isPresent()) {
            cutover.rejectSignal(rejection.get());
            display.publish();
            return;
        }
        accept(request);
    }

    @Override
    public CutoverPlan requestCutover(CutoverRequest request) {
        return accept(request);
    }

    @Override
    public void validateCutover(CutoverRequest request) {
        cutoverRejection(request).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    private Optional<String> cutoverRejection(CutoverRequest request) {
        String ended = controls.aborted() ? "aborted" : display.runbookStep() == Phase.COMPLETED ? "completed" : null;
        return cutover.rejection(request, ended, fullJob != null && fullJob.succeeded(), chain.lastSubmittedOrderKey());
    }

    private CutoverPlan accept(CutoverRequest request) {
        CutoverPlan plan = cutover.accept(request, chain.pending());
        controls.interruptWaits();
        log.info("cutover requested: {}", plan);
        display.publish();
        return plan;
    }

    @Override
    public void pause() {
        controls.pause();
        display.publish();
    }

    @Override
    public void resume() {
        controls.resume();
        display.publish();
    }

    @Override
    public void retry() {
        controls.retry();
    }

    @Override
    public void skip(SkipRequest request) {
        controls.skip(request);
    }

    @Override
    public void abort(AbortRequest request) {
        controls.abort(request);
    }

    @Override
    public CampaignStatus status() {
        return display.status();
    }
}
