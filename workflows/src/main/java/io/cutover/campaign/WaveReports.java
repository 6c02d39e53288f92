package io.cutover.campaign;

import io.cutover.wave.MemberReport;
import io.cutover.wave.WaveWorkflow;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.util.function.Supplier;

/**
 * A member campaign's reports to its wave: whenever what the wave decides from changes (phase,
 * blocked, the final held, a refused cutover, its end), one signal to the parent, not awaited. A
 * campaign without a parent sends nothing. The state sent last is kept per run only: the first
 * publish of a new run sends it again, which the wave takes as it takes any report.
 */
final class WaveReports {

    private final String waveId;
    private boolean adopted;
    private boolean endsReported;
    private boolean sendsFinalJob;
    private MemberReport last;
    private final SignalOutbox sent = new SignalOutbox();

    WaveReports() {
        this.waveId = Workflow.getInfo().getParentWorkflowId().orElse(null);
    }

    /** Asked at the start of a run, before anything is published: only members report. */
    void decide() {
        adopted = waveId != null && CampaignVersions.adopted(CampaignVersions.WAVE_REPORTS);
        if (adopted && !waveId.equals(Workflow.getTypedSearchAttributes().get(CampaignSearchAttributes.WAVE_ID))) {
            Workflow.upsertTypedSearchAttributes(CampaignSearchAttributes.WAVE_ID.valueSet(waveId));
        }
        endsReported = adopted && CampaignVersions.adopted(CampaignVersions.WAVE_ENDS);
        sendsFinalJob = adopted && CampaignVersions.adopted(CampaignVersions.PREPARED_FINAL_JOB);
    }

    void report(Supplier<MemberReport> report) {
        if (!adopted) {
            return;
        }
        MemberReport now = report.get();
        if (!sendsFinalJob && now.finalJob() != null) {
            // Members that began before the wave created the finals keep their reports as they were.
            now = now.withoutFinalJob();
        }
        // Campaigns that began before their end was reported send it only as their result.
        boolean ending = now.phase() == Phase.COMPLETED || now.phase() == Phase.ABORTED;
        if ((endsReported || !ending) && !now.equals(last)) {
            last = now;
            // A report sent again (after a failure) is the newest one then: the wave keeps the last.
            sent.send(
                    waveId,
                    () -> Async.procedure(
                            Workflow.newExternalWorkflowStub(WaveWorkflow.class, waveId)::memberChanged, last),
                    () -> {});
        }
    }

    /** Whether this run reports to a wave (decided at its start). */
    boolean reportsToWave() {
        return adopted;
    }

    /** Whether every report sent has reached the wave (or could not, the wave being gone). */
    boolean delivered() {
        return sent.delivered();
    }

    /**
     * Before the campaign's end: waits until its last report has reached the wave (or could not, the
     * wave being gone), so that no report is still on its way when the member's run closes.
     */
    void awaitDelivered() {
        if (endsReported) {
            Workflow.await(this::delivered);
        }
    }
}
