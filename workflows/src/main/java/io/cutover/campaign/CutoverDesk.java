package io.cutover.campaign;

import io.temporal.workflow.Workflow;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * Where the operator's cutover requests arrive (signals and updates, from the CLI, the Temporal UI
 * or a wave): each is judged (readable, acceptable now), then taken or refused with the reason,
 * and the waits are cut short so that the campaign acts on it at once. The decisions themselves
 * are {@link Cutover}'s.
 */
final class CutoverDesk {

    private static final Logger log = Workflow.getLogger(CutoverDesk.class);

    /** What a cutover request looks like, for an operator whose request could not be read. */
    static final String CUTOVER_PAYLOAD =
            "{\"finalBackup\": \"the tail-log backup's name\"}, or {} for the next log backup";

    private final Cutover cutover;
    private final CampaignNotes notes;
    private final CampaignDisplay display;
    private final OperatorControls controls;
    private final LogChain chain;
    private final LedgerBacklog ledger;
    private final BooleanSupplier fullRestored;

    CutoverDesk(
            Cutover cutover,
            CampaignNotes notes,
            CampaignDisplay display,
            OperatorControls controls,
            LogChain chain,
            LedgerBacklog ledger,
            BooleanSupplier fullRestored) {
        this.cutover = cutover;
        this.notes = notes;
        this.display = display;
        this.controls = controls;
        this.chain = chain;
        this.ledger = ledger;
        this.fullRestored = fullRestored;
    }

    /** The cutover signal: it cannot answer, so a refusal is shown. */
    void signal(CutoverRequest request) {
        if (notes.unreadable("cutover", request, CUTOVER_PAYLOAD)) {
            display.publish();
            return;
        }
        Optional<String> rejection = rejection(request);
        if (rejection.isPresent()) {
            cutover.rejectSignal(rejection.get());
            display.publish();
            return;
        }
        accept(request);
    }

    /** The requestCutover update's validator. */
    void validate(CutoverRequest request) {
        UnreadablePayloads.why(request).ifPresent(why -> {
            throw new IllegalArgumentException("the request could not be read (" + why + "); send " + CUTOVER_PAYLOAD);
        });
        refuseIf(rejection(request));
    }

    private Optional<String> rejection(CutoverRequest request) {
        String ended = controls.aborted() ? "aborted" : display.runbookStep() == Phase.COMPLETED ? "completed" : null;
        return cutover.rejection(
                request,
                ended,
                fullRestored.getAsBoolean(),
                chain.lastSubmittedOrderKey(),
                chain.pending(),
                ledger::restoredRecently);
    }

    /** Takes the request; returns the plan over the files waiting. */
    CutoverPlan accept(CutoverRequest request) {
        CutoverPlan plan = cutover.accept(request, chain.pending());
        controls.interruptWaits();
        log.info("cutover requested: {}", plan);
        display.publish();
        return plan;
    }

    void commit() {
        cutover.commit();
        display.publish();
    }

    void cancel() {
        cutover.cancel();
        controls.interruptWaits();
        display.publish();
    }

    void commitBySignal() {
        cutover.commitBySignal();
        display.publish();
    }

    void cancelBySignal() {
        if (cutover.cancelBySignal()) {
            controls.interruptWaits();
        }
        display.publish();
    }

    /** An update validator's refusal: the update is rejected with the reason, nothing changes. */
    static void refuseIf(Optional<String> reason) {
        reason.ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
    }
}
