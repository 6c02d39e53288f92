package io.cutover.cli;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.JobRequest.RecoveryMode;
import io.cutover.campaign.AbortRequest;
import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.CampaignState;
import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.CutoverPlan;
import io.cutover.campaign.CutoverRequest;
import io.cutover.campaign.Phase;
import io.cutover.campaign.SkipRequest;
import io.cutover.spec.CampaignSpec;
import io.cutover.wave.MemberReport;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in campaign for the command line's tests: it answers the status query with fixed
 * backups, records every operator signal (shown in the status's reports), and finishes on the
 * cutover or an abort. The command line is what is under test, not the campaign.
 */
public class FakeCampaignWorkflow implements CampaignWorkflow {

    static final List<String> PENDING = List.of("orders/LOG_0003.trn", "orders/LOG_0004.trn");

    private final List<String> signals = new ArrayList<>();
    private String campaignId;
    private Phase phase = Phase.VALIDATING;
    private CampaignStatus.CutoverState cutover;
    private String abortReason;

    private AppliedBackup backup(String key, RecoveryMode mode, boolean last) {
        return new AppliedBackup(
                key, key, "orders-job", "job-" + key.hashCode(), mode, last, 1_000, 61_000, Outcome.SUCCESS, null);
    }

    @Override
    public CampaignReport run(CampaignSpec spec, CampaignState carried) {
        campaignId = spec.campaignId();
        phase = Phase.CATCHING_UP;
        Workflow.await(() -> cutover != null || abortReason != null);
        if (abortReason != null) {
            phase = Phase.ABORTED;
            return new CampaignReport(
                    campaignId,
                    phase,
                    List.of(backup("orders/FULL.bak", RecoveryMode.FULL, false)),
                    -1,
                    -1,
                    -1,
                    abortReason);
        }
        // Finalizing takes a while, as the last restore does: a repeated cutover meets the validator.
        phase = Phase.FINALIZING;
        Workflow.sleep(Duration.ofMinutes(30));
        phase = Phase.COMPLETED;
        long requested = cutover.requestedAtMillis();
        return new CampaignReport(
                campaignId,
                phase,
                List.of(
                        backup("orders/FULL.bak", RecoveryMode.FULL, false),
                        backup("orders/LOG_0005.trn", RecoveryMode.INCRE, true)),
                requested,
                requested + 95_000,
                95_000,
                null);
    }

    @Override
    public void cutover(CutoverRequest request) {
        cutover = new CampaignStatus.CutoverState(Workflow.currentTimeMillis(), request.finalBackup(), null);
    }

    @Override
    public CutoverPlan requestCutover(CutoverRequest request) {
        cutover(request);
        return new CutoverPlan(PENDING, request.finalBackup(), request.finalBackup() == null);
    }

    /** The CLI never sends a wave's request to a campaign: only a wave does, and it is not faked here. */
    @Override
    public MemberReport waveCutover(CutoverRequest request, boolean collected) {
        throw new UnsupportedOperationException("a wave's request");
    }

    @Override
    public void validateWaveCutover(CutoverRequest request, boolean collected) {
        throw new IllegalStateException("the fake campaign takes no wave's request");
    }

    /** Nor a wave's collection of its PREPARED report. */
    @Override
    public MemberReport wavePrepared(long withinMillis) {
        throw new UnsupportedOperationException("a wave's collection");
    }

    @Override
    public void validateWavePrepared(long withinMillis) {
        throw new IllegalStateException("the fake campaign is in no wave");
    }

    @Override
    public MemberReport wavePrepare(CutoverRequest request, long withinMillis) {
        throw new UnsupportedOperationException("a wave's cutover request");
    }

    @Override
    public void validateWavePrepare(CutoverRequest request, long withinMillis) {
        throw new IllegalStateException("the fake campaign is in no wave");
    }

    @Override
    public void reportToWave() {
        throw new UnsupportedOperationException("a wave's request to report again");
    }

    @Override
    public void validateCutover(CutoverRequest request) {
        if (cutover != null) {
            throw new IllegalStateException("a cutover was already requested at " + cutover.requestedAtMillis());
        }
    }

    @Override
    public void commitCutover() {
        signals.add("commitCutover");
    }

    @Override
    public void validateCommitCutover() {}

    @Override
    public void cancelCutover() {
        signals.add("cancelCutover");
    }

    @Override
    public void validateCancelCutover() {}

    @Override
    public void commit() {
        signals.add("commit");
    }

    @Override
    public void cancelCutoverSignal() {
        signals.add("cancel-cutover");
    }

    @Override
    public void pause() {
        signals.add("pause");
    }

    @Override
    public void resume() {
        signals.add("resume");
    }

    @Override
    public void retry() {
        signals.add("retry");
    }

    @Override
    public void skip(SkipRequest request) {
        signals.add("skip " + request.file() + " because " + request.reason());
    }

    @Override
    public void abort(AbortRequest request) {
        abortReason = request.reason();
    }

    @Override
    public void jobTurn(io.cutover.wave.JobTurn turn) {
        signals.add("job turn " + turn.token());
    }

    @Override
    public CampaignStatus status() {
        return new CampaignStatus(
                campaignId,
                phase,
                backup("orders/FULL.bak", RecoveryMode.FULL, false),
                List.of(backup("orders/LOG_0002.trn", RecoveryMode.INCRE, false)),
                2,
                PENDING,
                "orders/LOG_0003.trn",
                null,
                42,
                cutover,
                List.copyOf(signals),
                List.of(),
                1,
                null,
                null);
    }
}
