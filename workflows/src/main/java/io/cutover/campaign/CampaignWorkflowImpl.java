package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.BackupFile;
import io.cutover.activity.LedgerSummary;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpec.Mode;
import io.cutover.spec.CampaignSpecValidator;
import io.cutover.spec.InvalidSpecException;
import io.cutover.spec.SourceSpec;
import io.cutover.spec.SpecViolation;
import io.cutover.wave.JobTurn;
import io.cutover.wave.MemberReport;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/**
 * The campaign as the DBA's runbook reads: validate, restore the full backup, catch up on log
 * backups until the operator cuts over, cut over with the final file, finalize with a report.
 * Each concern around it lives in a class of its own: the chain ({@link LogChain}), one job
 * ({@link JobRunner}), the cutover ({@link Cutover}), the operator's controls ({@link
 * OperatorControls}), the ledger ({@link LedgerBacklog}), what operators see ({@link
 * CampaignDisplay}), the report lines and alarms ({@link CampaignNotes}), a wave's asks of its
 * member ({@link WaveDesk}) and the hand-over to a fresh run ({@link RunHandover}).
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

    /** ApplicationFailure type of a spec the workflow refuses to run. */
    public static final String INVALID_SPEC = "InvalidCampaignSpec";

    private final CampaignSpec spec;
    private final CampaignActivities activities;
    private final CampaignNotes notes;
    private final LedgerBacklog ledger;
    private final ChainPlanning planning;
    private final LogChain chain;
    private final Cutover cutover;
    private final OperatorControls controls;
    private final CampaignDisplay display;
    private final InterruptibleWait waits;
    private final BucketWatch bucket;
    private final JobTurns turns;
    private final CutoverDesk desk;
    private final WaveReports wave;
    private final WaveDesk waveDesk;
    private final RunHandover handover;

    // Carried across continue-as-new (see CampaignState), besides what the collaborators carry.
    private boolean validated;
    private final int completedRuns;
    private AppliedBackup fullJob;
    private String runIdentity;

    // This run only.
    private FileApplier applier;
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
        this.fullJob = state.fullJob();
        this.runIdentity = state.runIdentity();
        this.activities = new CampaignActivities(spec);
        this.notes = new CampaignNotes(state.reports(), state.alarms(), state.foreignJobs());
        this.ledger = new LedgerBacklog(spec, state, activities, notes);
        this.planning = new ChainPlanning(spec, state.planning(), notes);
        this.chain = new LogChain(spec, state, planning);
        this.cutover = new Cutover(spec, state.cutover(), notes, planning);
        this.controls = new OperatorControls(state, notes);
        this.display =
                new CampaignDisplay(spec, completedRuns + 1, chain, cutover, controls, notes, ledger, () -> fullJob);
        this.waits = new InterruptibleWait(cutover, display::publish);
        this.turns = new JobTurns(spec);
        this.desk = new CutoverDesk(
                cutover, notes, display, controls, chain, ledger, () -> fullJob != null && fullJob.succeeded());
        this.wave = new WaveReports();
        this.waveDesk = new WaveDesk(desk, wave, cutover, controls);
        this.handover = new RunHandover(spec, state, ledger, chain, planning, controls, cutover, notes);
        this.bucket = new BucketWatch(
                spec, activities, chain, planning, cutover, controls, ledger, notes, display, waits, wave);
    }

    @Override
    public CampaignReport run(CampaignSpec spec, CampaignState carried) {
        CampaignVersions.askAtStart();
        wave.decide();
        turns.decide();
        display.afterPublish(() -> wave.report(() -> display.memberReport(onlineMillis)));
        validate();
        ledger.decide(runIdentity);
        JobRunner jobs = new JobRunner(spec, runIdentity, activities, chain, notes, display, waits, controls, turns);
        applier = new FileApplier(spec, activities, jobs, chain, ledger, controls, notes, display);
        if (spec.mode() == Mode.FULL_AND_INCREMENTAL) {
            planTheChain();
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
        CampaignReport report = finish();
        // A member's last signals (its turn given back, its end) reach its wave before its run
        // closes: a signal still on its way from a closed run is not delivered by every server.
        turns.awaitDelivered();
        wave.awaitDelivered();
        return report;
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

    /**
     * Read the full backup's header, once, before anything is submitted: the chain is planned by
     * headers from it, or by names when it cannot be read. A full backup that is not a full, or of
     * another database, fails the campaign naming the field. Campaigns that began before this
     * existed (or whose full restore began before) keep planning by names.
     */
    private void planTheChain() {
        boolean decidedBefore = planning.decided();
        planning.decideOnce(activities, fullJob != null || completedRuns > 0).ifPresent(refusal -> {
            throw ApplicationFailure.newNonRetryableFailure(refusal, INVALID_SPEC, List.of(refusal));
        });
        // Shown only when this run decided: a run that did not adds no command here.
        if (!decidedBefore && planning.decided()) {
            display.publish();
        }
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
        fullJob = applier.applyFull(key, last);
        if (fullJob != null && fullJob.succeeded() && planning.byHeaders()) {
            planning.restored(planning.full());
        }
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
            if (handover.due(applier.appliedThisRun())) {
                continueAsNew();
            }
            if (!chain.hasPending()) {
                bucket.look();
                continue;
            }
            BackupFile next = chain.next();
            if (cutover.chooseIfFinal(next)) {
                if (!cutover.holdsFinal() || holdUntilCommitted(next)) {
                    return next;
                }
                continue;
            }
            applier.applyLog(next, false);
        }
        return null;
    }

    /**
     * The prepare phase of a cutover in two phases: everything before the final is restored; the
     * final is staged now, so that the commit sends only its job, and held until the operator
     * commits (true) or cancels or aborts (false).
     */
    private boolean holdUntilCommitted(BackupFile finalBackup) {
        cutover.beginHolding(applier.stageFinalAhead(finalBackup));
        display.publish();
        wave.releaseUncollected(() -> cutover.holdOver(controls.aborted()));
        Workflow.await(() -> cutover.holdOver(controls.aborted()));
        display.publish();
        return cutover.committed() && !controls.aborted();
    }

    /** Submit the final file with is_last_backup=true: the database comes online. */
    private void cutOver(BackupFile finalBackup) {
        display.step(Phase.FINALIZING);
        display.publish();
        AppliedBackup result = applier.applyLog(finalBackup, true);
        if (result != null && result.succeeded()) {
            onlineMillis = result.endedMillis();
        }
    }

    /** The report: every file, the downtime, and what was left out. */
    private CampaignReport finish() {
        boolean aborted = controls.aborted();
        display.step(aborted ? Phase.ABORTED : Phase.COMPLETED);
        for (BackupFile left : chain.drain()) {
            ledger.refuse(
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

    // ---- Continue-as-new ------------------------------------------------------------------

    /** Start a fresh run with the whole state (see {@link RunHandover}), its ledger part written. */
    private void continueAsNew() {
        writeLedgerPart();
        handover.continueAsNew(
                applier.appliedThisRun(),
                () -> CampaignState.builder()
                        .validated(validated)
                        .fullJob(fullJob)
                        .runIdentity(runIdentity));
    }

    private void writeLedgerPart() {
        if (!ledger.writePart()) {
            display.publish();
        }
    }

    // ---- Operator interface: handlers only set state --------------------------------------

    @Override
    public void cutover(CutoverRequest request) {
        desk.signal(request);
    }

    @Override
    public CutoverPlan requestCutover(CutoverRequest request) {
        return desk.accept(request);
    }

    @Override
    public void validateCutover(CutoverRequest request) {
        desk.validate(request);
    }

    @Override
    public MemberReport waveCutover(CutoverRequest request, boolean collected) {
        return waveDesk.cutover(request, collected);
    }

    @Override
    public void validateWaveCutover(CutoverRequest request, boolean collected) {
        waveDesk.validate(request);
    }

    @Override
    public MemberReport wavePrepared(long withinMillis) {
        return waveDesk.collect(withinMillis);
    }

    @Override
    public void validateWavePrepared(long withinMillis) {
        waveDesk.validateCollect();
    }

    @Override
    public MemberReport wavePrepare(CutoverRequest request, long withinMillis) {
        return waveDesk.prepare(request, withinMillis);
    }

    @Override
    public void validateWavePrepare(CutoverRequest request, long withinMillis) {
        waveDesk.validate(request);
    }

    @Override
    public void reportToWave() {
        waveDesk.reportAgain();
    }

    @Override
    public void commitCutover() {
        desk.commit();
    }

    @Override
    public void validateCommitCutover() {
        CutoverDesk.refuseIf(cutover.commitRejection());
    }

    @Override
    public void cancelCutover() {
        desk.cancel();
    }

    @Override
    public void validateCancelCutover() {
        CutoverDesk.refuseIf(cutover.cancelRejection());
    }

    @Override
    public void commit() {
        desk.commitBySignal();
    }

    @Override
    public void cancelCutoverSignal() {
        desk.cancelBySignal();
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
        if (!notes.unreadable("skip", request, "{\"file\": \"the blocked file\", \"reason\": \"why\"}")) {
            controls.skip(request);
        }
        display.publish();
    }

    @Override
    public void abort(AbortRequest request) {
        if (notes.unreadable("abort", request, "{\"reason\": \"why\"}")) {
            display.publish();
            return;
        }
        controls.abort(request);
    }

    @Override
    public void jobTurn(JobTurn turn) {
        turns.granted(turn);
    }

    @Override
    public CampaignStatus status() {
        return display.status();
    }
}
