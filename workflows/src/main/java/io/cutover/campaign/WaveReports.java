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
    /** While the wave's cutover update is being taken: its report is the update's answer. */
    private boolean answering;
    /**
     * The history length of the workflow task whose end carries an update's answer, or -1: no watch
     * may hold that task open first.
     */
    private long answerOwedInTask = -1;

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
        if (!adopted && !answering) {
            return;
        }
        MemberReport now = report.get();
        if (!sendsFinalJob && now.finalJob() != null) {
            // Members that began before the wave created the finals keep their reports as they were.
            now = now.withoutFinalJob();
        }
        if (answering) {
            // The wave hears it in the update's answer, in order with this member's later reports.
            last = now;
            return;
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

    /**
     * Takes the wave's cutover request that came by update ({@code take}): the report taking it
     * makes (taking it publishes) is the update's answer rather than a signal.
     */
    MemberReport answer(Runnable take) {
        answering = true;
        try {
            take.run();
        } finally {
            answering = false;
        }
        answerOwedInTask = Workflow.getInfo().getHistoryLength();
        return last;
    }

    /**
     * Whether an update's answer was made in this very workflow task and leaves only with it; asking
     * clears it. A watch that would hold the task lets it end first.
     */
    boolean takeAnswerOwed() {
        boolean owed = answerOwedInTask == Workflow.getInfo().getHistoryLength();
        answerOwedInTask = -1;
        return owed;
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
