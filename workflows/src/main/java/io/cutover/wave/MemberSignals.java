package io.cutover.wave;

import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.SignalOutbox;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The wave's signals to its members, sent without waiting for their delivery (handlers stay short)
 * and counted until delivered, so that the wave continues as new only once none is in flight: a
 * signal still on its way when the run closes would be lost with it.
 */
final class MemberSignals {

    private final SignalOutbox sent = new SignalOutbox();
    private final Consumer<String> gone;

    /** @param gone told the campaign id of a member that no signal reaches any more */
    MemberSignals(Consumer<String> gone) {
        this.gone = gone;
    }

    /**
     * Signals the member, as {@code signal} sends it through {@code Async} (a method reference of
     * the stub, so that the signal is a command of this workflow task, in order); one that fails is
     * sent again ({@link SignalOutbox}), and a member that never takes it is told to {@code gone}.
     */
    void send(String campaignId, Function<CampaignWorkflow, Promise<Void>> signal) {
        sent.send(
                campaignId,
                () -> signal.apply(Workflow.newExternalWorkflowStub(CampaignWorkflow.class, campaignId)),
                () -> gone.accept(campaignId));
    }

    /** Whether every signal sent has been delivered (or has failed). */
    boolean delivered() {
        return sent.delivered();
    }
}
