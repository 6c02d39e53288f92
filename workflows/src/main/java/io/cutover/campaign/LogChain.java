package io.cutover.campaign;

import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.BackupFile;
import io.cutover.activity.BackupReport;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.naming.DatabaseNames;
import io.cutover.spec.CampaignSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The log backup chain as the campaign walks it: where discovery stopped, the files taken in
 * chain order and waiting to be applied, the head of the chain (the last file taken) and the
 * last file passed to DRS. Admission is here: a file joins the chain only after its head, so a
 * file older than one already taken is never applied, whatever the store did.
 */
final class LogChain {

    /** At most this many backups come back from one discovery pass. */
    static final int DISCOVERY_BATCH = 50;

    /**
     * A file discovery found that will not be applied, and why: the workflow records it.
     *
     * @param problem LATE, DUPLICATE, UNUSABLE or NOT_APPLIED
     */
    record Refusal(String key, Outcome problem, String reason) {}

    private final CampaignSpec spec;
    private final ChainPlanning planning;
    private DiscoveryCursor cursor;
    private String headOrderKey;
    private String lastSubmittedOrderKey;
    private final List<BackupFile> pending;
    private int nextSequence;
    private int appliedCount;
    private long newestAppliedModifiedMillis;

    LogChain(CampaignSpec spec, CampaignState state, ChainPlanning planning) {
        this.spec = spec;
        this.planning = planning;
        this.cursor = state.cursor();
        this.headOrderKey = state.lastOrderKey();
        this.lastSubmittedOrderKey = state.lastSubmittedOrderKey();
        this.pending = new ArrayList<>(state.pending());
        this.nextSequence = state.nextSequence();
        this.appliedCount = state.appliedCount();
        this.newestAppliedModifiedMillis = state.newestAppliedModifiedMillis();
    }

    /**
     * The next discovery pass: from where the last one stopped; by headers, from the chain's head
     * (the full backup before any file).
     */
    DiscoveryRequest nextDiscovery() {
        return new DiscoveryRequest(
                spec.source(),
                spec.timing().settleSeconds(),
                cursor,
                DISCOVERY_BATCH,
                planning.byHeaders() ? planning.request(headOrderKey) : null);
    }

    /**
     * Log backups older than the full backup cannot follow it: discovery starts after the full
     * backup's order key where the naming convention recognised it as a full backup.
     */
    void anchor(BackupFile full) {
        if (headOrderKey == null && full.kind() == BackupFile.Kind.FULL && full.orderKey() != null) {
            headOrderKey = full.orderKey();
            cursor = new DiscoveryCursor(cursor.marker(), full.orderKey(), cursor.unsettled(), cursor.recentKeys());
        }
    }

    /**
     * Takes one discovery pass's findings: ready files join the chain after its head; the others,
     * and discovery's own reports, come back as refusals, in the order found.
     *
     * @param appliedRecently whether a key was applied lately (a missing link the operator's retry
     *     applied: discovery reports it as late, but it is in the report as applied already)
     */
    List<Refusal> admit(DiscoveryResult result, Predicate<String> appliedRecently) {
        cursor = result.next();
        List<Refusal> refused = new ArrayList<>();
        for (BackupReport report : result.reports()) {
            // The full backup lies in the prefix too and is older than the chain's head by design.
            if (!report.key().equals(spec.source().fullBackup()) && !appliedRecently.test(report.key())) {
                refused.add(new Refusal(report.key(), Outcome.of(report.problem()), report.reason()));
            }
        }
        for (BackupFile file : result.ready()) {
            if (file.key().equals(spec.source().fullBackup())) {
                continue;
            }
            String problem = admissionProblem(file);
            if (problem != null) {
                Outcome outcome = file.kind() == BackupFile.Kind.LOG ? Outcome.LATE : Outcome.NOT_APPLIED;
                refused.add(new Refusal(file.key(), outcome, problem));
            } else {
                pending.add(file);
                headOrderKey = orderOf(file);
            }
        }
        return refused;
    }

    /** Why a ready file may not join the chain, or null. Discovery checks order too. */
    private String admissionProblem(BackupFile file) {
        boolean differentialByHeaders = file.kind() == BackupFile.Kind.DIFF && file.header() != null;
        if (file.kind() != BackupFile.Kind.LOG && !differentialByHeaders) {
            return "a " + file.kind() + " backup is not part of the log chain being applied";
        }
        if (file.header() == null && !DatabaseNames.match(spec.source().database(), file.database())) {
            return "belongs to database " + file.database() + ", not "
                    + spec.source().database();
        }
        if (headOrderKey != null && orderOf(file).compareTo(headOrderKey) <= 0) {
            return "older than " + headOrderKey + ", already taken: applying it would break the chain";
        }
        return null;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The next file to apply, in chain order. */
    BackupFile next() {
        return pending.get(0);
    }

    /** Waiting files, in chain order. */
    List<BackupFile> pending() {
        return List.copyOf(pending);
    }

    /** Takes every waiting file out (the campaign ends): the caller reports them not applied. */
    List<BackupFile> drain() {
        List<BackupFile> left = List.copyOf(pending);
        pending.clear();
        return left;
    }

    /**
     * Takes a waiting file for submission: it leaves the pending files and becomes the last file
     * passed. Returns the order key of the file passed before it.
     */
    String takeForSubmission(BackupFile file) {
        pending.remove(file);
        String passed = lastSubmittedOrderKey;
        lastSubmittedOrderKey = orderOf(file);
        return passed;
    }

    /** The sequence number the next job name gets. */
    int drawSequence() {
        return nextSequence++;
    }

    /** The sequence number the next job name will get, not drawn. */
    int nextSequence() {
        return nextSequence;
    }

    /** How the chain is planned and where it stands, for the status; null before that was decided. */
    CampaignStatus.ChainView view() {
        return planning.view(pending);
    }

    /** A log backup of the chain was restored. */
    void applied(BackupFile file) {
        planning.restored(file.header());
        appliedCount++;
        newestAppliedModifiedMillis = Math.max(newestAppliedModifiedMillis, file.lastModifiedMillis());
    }

    int appliedCount() {
        return appliedCount;
    }

    /** How far the target is behind the source, from the newest applied backup; -1 before one. */
    long lagSeconds(long nowMillis) {
        return newestAppliedModifiedMillis < 0 ? -1 : (nowMillis - newestAppliedModifiedMillis) / 1000;
    }

    /** The chain's head: the last file taken, or null before the first. */
    String headOrderKey() {
        return headOrderKey;
    }

    /** The last file passed to DRS (applied, skipped or in flight), or null. */
    String lastSubmittedOrderKey() {
        return lastSubmittedOrderKey;
    }

    /** Carries the chain across continue-as-new. */
    void carry(CampaignState.Builder next) {
        next.appliedCount(appliedCount)
                .nextSequence(nextSequence)
                .cursor(cursor)
                .lastOrderKey(headOrderKey)
                .lastSubmittedOrderKey(lastSubmittedOrderKey)
                .newestAppliedModifiedMillis(newestAppliedModifiedMillis)
                .pending(List.copyOf(pending));
    }

    /** The key a file sorts by in the chain: its order key, else its object key. */
    static String orderOf(BackupFile file) {
        return file.orderKey() != null ? file.orderKey() : file.key();
    }
}
