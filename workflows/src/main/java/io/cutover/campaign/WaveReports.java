package io.cutover.campaign;

import io.cutover.wave.MemberReport;
import io.cutover.wave.WaveWorkflow;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.util.function.Supplier;

/**
 * A member campaign's reports to its wave: whenever what the wave decides from changes (phase,
 * blocked, the final held, a refused cutover), one signal to the parent, not awaited. Its end is
 * not signalled: the wave has it as its child's result. A campaign without a parent sends nothing. The state sent last is kept per run only: the first
 * publish of a new run sends it again, which the wave takes as it takes any report.
 */
final class WaveReports {

    private final String waveId;
    private boolean adopted;
    private MemberReport last;

    WaveReports() {
        this.waveId = Workflow.getInfo().getParentWorkflowId().orElse(null);
    }

    /** Asked at the start of a run, before anything is published: only members report. */
    void decide() {
        adopted = waveId != null && CampaignVersions.adopted(CampaignVersions.WAVE_REPORTS);
        if (adopted && !waveId.equals(Workflow.getTypedSearchAttributes().get(CampaignSearchAttributes.WAVE_ID))) {
            Workflow.upsertTypedSearchAttributes(CampaignSearchAttributes.WAVE_ID.valueSet(waveId));
        }
    }

    void report(Supplier<MemberReport> report) {
        if (!adopted) {
            return;
        }
        MemberReport now = report.get();
        // The campaign's end reaches the wave as its child's result, with the online time.
        boolean ending = now.phase() == Phase.COMPLETED || now.phase() == Phase.ABORTED;
        if (!ending && !now.equals(last)) {
            last = now;
            WaveWorkflow wave = Workflow.newExternalWorkflowStub(WaveWorkflow.class, waveId);
            Async.procedure(wave::memberChanged, now);
        }
    }
}
