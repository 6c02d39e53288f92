package io.cutover.campaign;

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
 * @param backups the entries (jobs, skips, refused objects) not yet written to the ledger, in
 *     order; campaigns started before the ledger existed carry every entry here
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
 */
public record CampaignState(
        boolean validated,
        int completedRuns,
        long continueAsNewAfterEvents,
        AppliedBackup fullJob,
        List<AppliedBackup> backups,
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
        String runIdentity) {

    /**
     * Continue as new well before the real server's warning (10,240 events); the server suggests
     * it earlier still, at about 4,096, and that suggestion is honoured too.
     */
    public static final long DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 8_000;

    /** The state of a campaign that has not started yet. */
    public static CampaignState start() {
        return new CampaignState(
                false,
                0,
                DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS,
                null,
                List.of(),
                0,
                1,
                DiscoveryCursor.start(),
                null,
                null,
                -1,
                List.of(),
                false,
                null,
                List.of(),
                Map.of(),
                null,
                List.of(),
                0,
                null);
    }

    /** The same state with another history threshold (tests use a low one to exercise runs). */
    public CampaignState withContinueAsNewAfterEvents(long events) {
        return new CampaignState(
                validated,
                completedRuns,
                events,
                fullJob,
                backups,
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
                runIdentity);
    }
}
