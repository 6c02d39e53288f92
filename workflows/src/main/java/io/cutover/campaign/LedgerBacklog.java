package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.LedgerKeys;
import io.cutover.activity.LedgerSummary;
import io.cutover.campaign.CampaignNotes.Alarm;
import io.cutover.naming.ObjectKeys;
import io.cutover.spec.CampaignSpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What the campaign did, entry by entry (every job, skip and refused object), on its way to the
 * ledger in the backup store: a backlog written as one ledger part at a time, and the most recent
 * entries kept for the status and the report. History stays bounded however long the campaign
 * runs, since the carried state holds the backlog and the recent entries only.
 */
final class LedgerBacklog {

    /** The state, and the report of a campaign with a ledger, keep this many recent entries. */
    static final int RECENT_KEPT = 50;

    /**
     * A ledger part is written at least this often (and at every continue-as-new and at the end):
     * it bounds the entries waiting in memory when runs are long.
     */
    static final int PART_SIZE = 250;

    private final CampaignSpec spec;
    private final CampaignActivities activities;
    private final CampaignNotes notes;
    /** Entries not yet in a ledger part (every entry, in a campaign without a ledger). */
    private final List<AppliedBackup> backlog;

    private final Deque<AppliedBackup> recent;
    private int partsWritten;
    private String folder;
    private boolean kept;

    LedgerBacklog(CampaignSpec spec, CampaignState state, CampaignActivities activities, CampaignNotes notes) {
        this.spec = spec;
        this.activities = activities;
        this.notes = notes;
        this.backlog = new ArrayList<>(state.ledgerBacklog());
        // A state carried by a campaign started before the ledger has no recent list: its backups
        // (every entry) provide it.
        List<AppliedBackup> carriedRecent = state.recent() != null
                ? state.recent()
                : state.ledgerBacklog()
                        .subList(
                                Math.max(0, state.ledgerBacklog().size() - RECENT_KEPT),
                                state.ledgerBacklog().size());
        this.recent = new ArrayDeque<>(carriedRecent);
        this.partsWritten = state.ledgerParts();
    }

    /**
     * Whether this run writes a ledger (asked once per run, in the workflow's first task): campaigns
     * recorded before the ledger carry every entry in their state instead, and an RDS restore has no
     * bucket to write it to.
     */
    void decide(String runIdentity) {
        kept = CampaignVersions.adopted(CampaignVersions.LEDGER)
                && spec.source().bucket() != null;
        folder = LedgerKeys.folder(spec.source().stagingPrefix(), spec.campaignId(), runIdentity);
    }

    /** Every job, skip and refused object passes here: into the backlog and the recent entries. */
    void record(AppliedBackup entry) {
        backlog.add(entry);
        recent.addLast(entry);
        while (recent.size() > RECENT_KEPT) {
            recent.removeFirst();
        }
    }

    /** Records an object that will not be applied, in the ledger and the report lines. */
    void refuse(String key, Outcome problem, String reason) {
        record(AppliedBackup.refused(key, problem, Workflow.currentTimeMillis(), reason));
        notes.report(problem + " " + key + ": " + reason);
    }

    /** Whether a part is due: the backlog has reached {@link #PART_SIZE} entries. */
    boolean partDue() {
        return backlog.size() >= PART_SIZE;
    }

    /**
     * Writes the backlog as the next ledger part (a local activity: one marker event, and its
     * input stays out of history). When the store cannot take it, the backlog is kept and written
     * with the next part, the alarm is raised, and false is returned so that the operator is shown.
     */
    boolean writePart() {
        if (!kept || backlog.isEmpty()) {
            return true;
        }
        String key = LedgerKeys.part(folder, partsWritten);
        try {
            activities
                    .localBackup("write ledger part " + partsWritten + " (" + backlog.size() + " entries) to " + key)
                    .appendLedger(spec.source().bucket(), key, List.copyOf(backlog));
            partsWritten++;
            backlog.clear();
            notes.clear(Alarm.LEDGER);
            return true;
        } catch (ActivityFailure e) {
            notes.raise(
                    Alarm.LEDGER,
                    "the ledger cannot be written (" + ActivityFailures.rootMessage(e) + "); " + backlog.size()
                            + " entries wait in the workflow");
            return false;
        }
    }

    /**
     * The campaign's last part, then the report object from every part written; null (and an alarm)
     * when it cannot be made. Null without a ledger.
     */
    LedgerSummary close(Runnable showAlarm) {
        if (!kept) {
            return null;
        }
        if (!writePart()) {
            showAlarm.run();
        }
        try {
            return activities
                    .reportAssembly(
                            "assemble the campaign report from " + partsWritten + " ledger parts under " + folder)
                    .assembleLedger(spec.source().bucket(), folder, partsWritten, LedgerKeys.report(folder));
        } catch (ActivityFailure e) {
            notes.raise(
                    Alarm.LEDGER,
                    "the report could not be assembled from the ledger under " + folder + ": "
                            + ActivityFailures.rootMessage(e));
            return null;
        }
    }

    /**
     * The entries the report lists itself: every one without a ledger; with one, the backlog the
     * store could not take (rather than losing it), else the most recent entries.
     */
    List<AppliedBackup> forReport() {
        if (!kept) {
            return List.copyOf(backlog);
        }
        return backlog.isEmpty() ? List.copyOf(recent) : List.copyOf(backlog);
    }

    /** The {@code count} most recent entries, oldest first. */
    List<AppliedBackup> mostRecent(int count) {
        return recent.stream().skip(Math.max(0, recent.size() - count)).toList();
    }

    /**
     * Whether a job restored this file among the recent entries: discovery reports a missing link
     * in the first pass after the retry that applied it, so the recent entries still hold it.
     */
    /** The recent entry of a job that restored a file of this key or file name, if any. */
    Optional<AppliedBackup> restoredRecently(String named) {
        String name = ObjectKeys.fileName(named);
        return recent.stream()
                .filter(entry -> entry.jobId() != null && entry.succeeded())
                .filter(entry -> entry.key().equals(named)
                        || ObjectKeys.fileName(entry.key()).equals(name))
                .findFirst();
    }

    boolean appliedRecently(String key) {
        return recent.stream().anyMatch(entry -> entry.key().equals(key) && entry.jobId() != null && entry.succeeded());
    }

    /** Carries the backlog, the recent entries and the parts written across continue-as-new. */
    void carry(CampaignState.Builder next) {
        next.ledgerBacklog(List.copyOf(backlog)).recent(List.copyOf(recent)).ledgerParts(partsWritten);
    }
}
