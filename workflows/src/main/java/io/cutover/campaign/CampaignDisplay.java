package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.BackupFile;
import io.cutover.campaign.CampaignStatus.CutoverState;
import io.cutover.campaign.OperatorControls.Blocked;
import io.cutover.spec.CampaignSpec;
import io.cutover.wave.MemberReport;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What operators see of the campaign: its phase (where the runbook is, overlaid by blocked and
 * paused), the search attributes, the Temporal UI's Markdown summary and the status query.
 */
final class CampaignDisplay {

    /** Status shows this many of the most recent backups. */
    static final int STATUS_RECENT = 20;

    private final CampaignSpec spec;
    private final int run;
    private final LogChain chain;
    private final Cutover cutover;
    private final OperatorControls controls;
    private final CampaignNotes notes;
    private final LedgerBacklog ledger;
    private final Supplier<AppliedBackup> fullJob;
    private Phase runbookStep = Phase.VALIDATING;
    private String inFlight;
    private CampaignStatus.FinalWatch finalWatch;
    private Runnable afterPublish = () -> {};

    /** @param run this run's number, 1 for the campaign's first */
    CampaignDisplay(
            CampaignSpec spec,
            int run,
            LogChain chain,
            Cutover cutover,
            OperatorControls controls,
            CampaignNotes notes,
            LedgerBacklog ledger,
            Supplier<AppliedBackup> fullJob) {
        this.spec = spec;
        this.run = run;
        this.chain = chain;
        this.cutover = cutover;
        this.controls = controls;
        this.notes = notes;
        this.ledger = ledger;
        this.fullJob = fullJob;
    }

    /** The runbook moved on to {@code step}: shown at the next publish. */
    void step(Phase step) {
        runbookStep = step;
    }

    /** The runbook's step, without the operator's overlays. */
    Phase runbookStep() {
        return runbookStep;
    }

    /** The file whose job runs now, or null between jobs. */
    void working(String key) {
        inFlight = key;
    }

    /** The campaign looks for the cutover's final backup, not in the bucket yet; null: it does not. */
    void finalWatch(CampaignStatus.FinalWatch watch) {
        finalWatch = watch;
    }

    /** What operators see: the phase overlays (blocked, paused) on where the runbook is. */
    Phase phase() {
        if (runbookStep == Phase.COMPLETED || runbookStep == Phase.ABORTED) {
            return runbookStep;
        }
        if (controls.blocked() != null) {
            return Phase.BLOCKED;
        }
        if (controls.paused()) {
            return Phase.PAUSED;
        }
        if (runbookStep == Phase.CATCHING_UP && cutover.holding()) {
            return Phase.PREPARED;
        }
        if (runbookStep == Phase.CATCHING_UP && cutover.requested()) {
            return Phase.CUTOVER_REQUESTED;
        }
        return runbookStep;
    }

    /**
     * Upserts the search attributes that changed (one history event, only when something did) and
     * refreshes the Markdown summary in the UI's current details (no event at all).
     */
    void publish() {
        publishOnly();
        afterPublish.run();
    }

    /** What a member's wave decides from, and shows of it. */
    MemberReport memberReport(long onlineMillis) {
        CutoverState requested = cutover.state();
        return new MemberReport(
                spec.campaignId(),
                phase(),
                controls.blocked() == null ? null : controls.blocked().reason(),
                requested == null ? null : requested.finalChosen(),
                notes.alarm(CampaignNotes.Alarm.CUTOVER_SIGNAL),
                onlineMillis,
                requested != null && onlineMillis >= 0 ? onlineMillis - requested.requestedAtMillis() : -1,
                requested != null,
                cutover.preparedFinalJob());
    }

    /** Runs after every publish: a member campaign reports to its wave. */
    void afterPublish(Runnable hook) {
        afterPublish = hook;
    }

    private void publishOnly() {
        SearchAttributes current = Workflow.getTypedSearchAttributes();
        List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
        changed(current, CampaignSearchAttributes.PHASE, phase().name(), updates);
        if (spec.target() != null && spec.target().instanceId() != null) {
            changed(
                    current,
                    CampaignSearchAttributes.TARGET_INSTANCE_ID,
                    spec.target().instanceId(),
                    updates);
        }
        changed(current, CampaignSearchAttributes.APPLIED_BACKUPS, (long) chain.appliedCount(), updates);
        if (!updates.isEmpty()) {
            Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
        }
        Workflow.setCurrentDetails(summary());
    }

    private static <T> void changed(
            SearchAttributes current, SearchAttributeKey<T> key, T value, List<SearchAttributeUpdate<?>> updates) {
        if (!Objects.equals(current.get(key), value)) {
            updates.add(key.valueSet(value));
        }
    }

    /** The status query's answer. */
    CampaignStatus status() {
        return new CampaignStatus(
                spec.campaignId(),
                phase(),
                fullJob.get(),
                ledger.mostRecent(STATUS_RECENT),
                chain.appliedCount(),
                chain.pending().stream().map(BackupFile::key).toList(),
                inFlight,
                controls.blocked() == null ? null : controls.blocked().reason(),
                chain.lagSeconds(Workflow.currentTimeMillis()),
                cutover.state(),
                notes.reports(),
                notes.alarms(),
                run,
                finalWatch,
                chain.view());
    }

    private String summary() {
        StringBuilder md = new StringBuilder();
        AppliedBackup full = fullJob.get();
        md.append("## Campaign `")
                .append(spec.campaignId())
                .append("`: **")
                .append(phase())
                .append("**\n\n");
        md.append("- Full restore: ")
                .append(full == null ? "not submitted" : full.outcome())
                .append('\n');
        CampaignStatus.ChainView view = chain.view();
        String last = chain.lastSubmittedOrderKey();
        boolean byHeaders = view != null && view.restoredUpTo() != null;
        md.append("- Log backups applied: ")
                .append(chain.appliedCount())
                .append(last == null || byHeaders ? "" : " (last: `" + last + "`)")
                .append('\n');
        if (view != null) {
            md.append("- Chain planned by ").append(view.plannedBy());
            md.append(view.restoredUpTo() == null ? "" : "; " + view.restoredUpTo())
                    .append('\n');
            if (view.waitingFor() != null) {
                md.append("- **Waiting**: ")
                        .append(view.waitingFor())
                        .append(" (since ")
                        .append(Instant.ofEpochMilli(view.waitingSinceMillis()).truncatedTo(ChronoUnit.SECONDS))
                        .append(")\n");
            }
        }
        md.append("- Pending: ")
                .append(chain.pending().size())
                .append(inFlight == null ? "" : ", working on `" + inFlight + "`")
                .append('\n');
        Blocked blocked = controls.blocked();
        if (blocked != null) {
            md.append("- **Blocked** on `")
                    .append(blocked.key())
                    .append("`: ")
                    .append(blocked.reason())
                    .append(" (signal retry, skip or abort)\n");
        }
        CutoverState requested = cutover.state();
        if (requested != null) {
            md.append("- Cutover requested; final backup: ")
                    .append(
                            requested.finalChosen() != null
                                    ? "`" + requested.finalChosen() + "`"
                                    : requested.finalBackup() != null
                                            ? "`" + requested.finalBackup() + "` (waiting for it)"
                                            : "the next log backup to arrive")
                    .append('\n');
        }
        if (cutover.holding()) {
            md.append("- Cutover **prepared**: final backup `")
                    .append(requested.finalChosen())
                    .append("` staged and held; commit with `commitCutover`, or cancel with `cancelCutover`\n");
        }
        if (finalWatch != null) {
            md.append("- **Waiting for the final backup** ")
                    .append(
                            finalWatch.finalBackup() == null
                                    ? "(the next log backup)"
                                    : "`" + finalWatch.finalBackup() + "`")
                    .append(": not in the bucket yet; looking every ")
                    .append(finalWatch.everyText())
                    .append(" since ")
                    .append(Instant.ofEpochMilli(finalWatch.sinceMillis()).truncatedTo(ChronoUnit.SECONDS))
                    .append('\n');
        }
        notes.alarms().forEach(alarm -> md.append("- **Alarm**: ").append(alarm).append('\n'));
        return md.toString();
    }
}
