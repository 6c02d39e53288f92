package io.cutover.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cutover.activity.AppliedBackup;
import io.cutover.activity.BackupFile;
import io.cutover.activity.DiscoveryCursor;
import java.util.List;
import java.util.Map;

/**
 * Everything a campaign carries across continue-as-new. A run only continues as new between
 * files (never with a job in flight or while blocked), so the state holds no half-done
 * submission: what was requested by the operator (cutover, pause, abort) and what the campaign
 * has learnt (jobs, cursor, pending files) is all there is.
 *
 * @param validated whether the spec was validated (the first run does it)
 * @param completedRuns how many runs came before this one
 * @param continueAsNewAfterEvents continue as new once a run's history reaches this many events
 *     (the server's own suggestion also counts); kept here so that tests can set it low
 * @param fullJob the full restore's job, or null before it was submitted
 * @param ledgerBacklog the entries (jobs, skips, refused objects) not yet written to the ledger,
 *     in order; campaigns started before the ledger existed carry every entry here (JSON property
 *     "backups", the name recorded histories carry)
 * @param appliedCount how many log backups were applied
 * @param nextSequence the sequence number the next file's job name gets
 * @param cursor where discovery stopped
 * @param lastOrderKey the order key of the last file taken into pending (the chain's head)
 * @param lastSubmittedOrderKey the order key of the last file taken for submission (applied,
 *     skipped or in flight), or null
 * @param newestAppliedModifiedMillis last-modified time of the newest applied backup, or -1
 * @param pending discovered log backups not yet applied, in chain order
 * @param paused whether the operator paused submissions
 * @param cutover the requested cutover, or null
 * @param reports recent lines about files not applied and operator actions ignored (bounded)
 * @param alarms raised alarms by kind
 * @param abortReason why the operator aborted, or null
 * @param recent the most recent entries, for the status and the report (bounded); null in states
 *     carried by campaigns started before it existed
 * @param ledgerParts how many ledger parts were written (see {@code LedgerKeys})
 * @param runIdentity drawn once at the campaign's first run and kept across continue-as-new: it
 *     goes into every job's name and tag, so that a DRS job is adopted by name only by the run
 *     that made it (a later campaign with the same id draws another); null in campaigns started
 *     before it existed, whose jobs keep the names they had
 * @param foreignJobs one line per DRS job bearing this campaign's names that it did not adopt,
 *     the newest kept (the foreign-job alarm names them); null in states carried before it existed
 * @param planning how the chain is planned (by headers from the full's, or by names, and why) and
 *     the gap it waits on; null before the campaign decided, and in campaigns started before
 */
public record CampaignState(
        boolean validated,
        int completedRuns,
        long continueAsNewAfterEvents,
        AppliedBackup fullJob,
        @JsonProperty("backups") List<AppliedBackup> ledgerBacklog,
        int appliedCount,
        int nextSequence,
        DiscoveryCursor cursor,
        String lastOrderKey,
        String lastSubmittedOrderKey,
        long newestAppliedModifiedMillis,
        List<BackupFile> pending,
        boolean paused,
        CampaignStatus.CutoverState cutover,
        List<String> reports,
        Map<String, String> alarms,
        String abortReason,
        List<AppliedBackup> recent,
        int ledgerParts,
        String runIdentity,
        List<String> foreignJobs,
        ChainPlanning.State planning) {

    /**
     * Continue as new well before the real server's warning (10,240 events); the server suggests
     * it earlier still, at about 4,096, and that suggestion is honoured too.
     */
    public static final long DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 8_000;

    /** The state of a campaign that has not started yet. */
    public static CampaignState start() {
        return builder().build();
    }

    /** A builder of the state of a campaign that has not started yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** The same state with another history threshold (tests use a low one to exercise runs). */
    public CampaignState withContinueAsNewAfterEvents(long events) {
        return toBuilder().continueAsNewAfterEvents(events).build();
    }

    /** A builder holding this state, to change some parts of it. */
    public Builder toBuilder() {
        return new Builder()
                .validated(validated)
                .completedRuns(completedRuns)
                .continueAsNewAfterEvents(continueAsNewAfterEvents)
                .fullJob(fullJob)
                .ledgerBacklog(ledgerBacklog)
                .appliedCount(appliedCount)
                .nextSequence(nextSequence)
                .cursor(cursor)
                .lastOrderKey(lastOrderKey)
                .lastSubmittedOrderKey(lastSubmittedOrderKey)
                .newestAppliedModifiedMillis(newestAppliedModifiedMillis)
                .pending(pending)
                .paused(paused)
                .cutover(cutover)
                .reports(reports)
                .alarms(alarms)
                .abortReason(abortReason)
                .recent(recent)
                .ledgerParts(ledgerParts)
                .runIdentity(runIdentity)
                .foreignJobs(foreignJobs)
                .planning(planning);
    }

    /**
     * The carried state, part by part: each of the campaign's collaborators sets its own parts.
     * Starts as a campaign that has not started yet.
     */
    public static final class Builder {
        private boolean validated;
        private int completedRuns;
        private long continueAsNewAfterEvents = DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
        private AppliedBackup fullJob;
        private List<AppliedBackup> ledgerBacklog = List.of();
        private int appliedCount;
        private int nextSequence = 1;
        private DiscoveryCursor cursor = DiscoveryCursor.start();
        private String lastOrderKey;
        private String lastSubmittedOrderKey;
        private long newestAppliedModifiedMillis = -1;
        private List<BackupFile> pending = List.of();
        private boolean paused;
        private CampaignStatus.CutoverState cutover;
        private List<String> reports = List.of();
        private Map<String, String> alarms = Map.of();
        private String abortReason;
        private List<AppliedBackup> recent = List.of();
        private int ledgerParts;
        private String runIdentity;
        private List<String> foreignJobs = List.of();
        private ChainPlanning.State planning;

        public Builder validated(boolean value) {
            validated = value;
            return this;
        }

        public Builder completedRuns(int value) {
            completedRuns = value;
            return this;
        }

        public Builder continueAsNewAfterEvents(long value) {
            continueAsNewAfterEvents = value;
            return this;
        }

        public Builder fullJob(AppliedBackup value) {
            fullJob = value;
            return this;
        }

        public Builder ledgerBacklog(List<AppliedBackup> value) {
            ledgerBacklog = value;
            return this;
        }

        public Builder appliedCount(int value) {
            appliedCount = value;
            return this;
        }

        public Builder nextSequence(int value) {
            nextSequence = value;
            return this;
        }

        public Builder cursor(DiscoveryCursor value) {
            cursor = value;
            return this;
        }

        public Builder lastOrderKey(String value) {
            lastOrderKey = value;
            return this;
        }

        public Builder lastSubmittedOrderKey(String value) {
            lastSubmittedOrderKey = value;
            return this;
        }

        public Builder newestAppliedModifiedMillis(long value) {
            newestAppliedModifiedMillis = value;
            return this;
        }

        public Builder pending(List<BackupFile> value) {
            pending = value;
            return this;
        }

        public Builder paused(boolean value) {
            paused = value;
            return this;
        }

        public Builder cutover(CampaignStatus.CutoverState value) {
            cutover = value;
            return this;
        }

        public Builder reports(List<String> value) {
            reports = value;
            return this;
        }

        public Builder alarms(Map<String, String> value) {
            alarms = value;
            return this;
        }

        public Builder abortReason(String value) {
            abortReason = value;
            return this;
        }

        public Builder recent(List<AppliedBackup> value) {
            recent = value;
            return this;
        }

        public Builder ledgerParts(int value) {
            ledgerParts = value;
            return this;
        }

        public Builder runIdentity(String value) {
            runIdentity = value;
            return this;
        }

        public Builder foreignJobs(List<String> value) {
            foreignJobs = value;
            return this;
        }

        public Builder planning(ChainPlanning.State value) {
            planning = value;
            return this;
        }

        public CampaignState build() {
            return new CampaignState(
                    validated,
                    completedRuns,
                    continueAsNewAfterEvents,
                    fullJob,
                    ledgerBacklog,
                    appliedCount,
                    nextSequence,
                    cursor,
                    lastOrderKey,
                    lastSubmittedOrderKey,
                    newestAppliedModifiedMillis,
                    pending,
                    paused,
                    cutover,
                    reports,
                    alarms,
                    abortReason,
                    recent,
                    ledgerParts,
                    runIdentity,
                    foreignJobs,
                    planning);
        }
    }
}
