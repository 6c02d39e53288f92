package io.cutover.campaign;

import io.cutover.spec.CampaignSpec;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * When a run hands the campaign on to a fresh one (continue-as-new), and what it hands on: the
 * workflow's own part, then each collaborator's. A run ends so after so many applied files, or
 * when its history grows long, so that a weeks-long campaign's history stays bounded.
 */
final class RunHandover {

    private static final Logger log = Workflow.getLogger(RunHandover.class);

    private final CampaignSpec spec;
    private final int completedRuns;
    private final long continueAsNewAfterEvents;
    private final LedgerBacklog ledger;
    private final LogChain chain;
    private final ChainPlanning planning;
    private final OperatorControls controls;
    private final Cutover cutover;
    private final CampaignNotes notes;

    RunHandover(
            CampaignSpec spec,
            CampaignState carried,
            LedgerBacklog ledger,
            LogChain chain,
            ChainPlanning planning,
            OperatorControls controls,
            Cutover cutover,
            CampaignNotes notes) {
        this.spec = spec;
        this.completedRuns = carried.completedRuns();
        this.continueAsNewAfterEvents = carried.continueAsNewAfterEvents();
        this.ledger = ledger;
        this.chain = chain;
        this.planning = planning;
        this.controls = controls;
        this.cutover = cutover;
        this.notes = notes;
    }

    /** Whether this run has done enough (files applied, history grown) to hand on. */
    boolean due(int appliedThisRun) {
        WorkflowInfo info = Workflow.getInfo();
        return appliedThisRun >= spec.timing().continueAsNewEveryFiles()
                || info.isContinueAsNewSuggested()
                || info.getHistoryLength() >= continueAsNewAfterEvents;
    }

    /**
     * Starts a fresh run with the whole state once no handler is half-way: the workflow's own part
     * ({@code own}, read then), and every collaborator's.
     */
    void continueAsNew(int appliedThisRun, Supplier<CampaignState.Builder> own) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        log.info(
                "continuing as new after {} files, {} events",
                appliedThisRun,
                Workflow.getInfo().getHistoryLength());
        CampaignState.Builder next =
                own.get().completedRuns(completedRuns + 1).continueAsNewAfterEvents(continueAsNewAfterEvents);
        ledger.carry(next);
        chain.carry(next);
        planning.carry(next);
        controls.carry(next);
        cutover.carry(next);
        notes.carry(next);
        Workflow.continueAsNew(spec, next.build());
    }
}
