package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import java.time.Duration;
import java.util.List;

/**
 * The answer to the status query: everything the operator's live table shows.
 *
 * @param campaignId the campaign id
 * @param phase the current phase
 * @param fullJob the full restore's job, or null before it was submitted
 * @param applied backups applied so far in this campaign (bounded: the most recent ones; see
 *     appliedCount for the total)
 * @param appliedCount how many backups were applied in the whole campaign
 * @param pending keys discovered and not yet applied, in chain order
 * @param inFlight the key being worked on now, or null
 * @param blockedReason why the campaign is blocked (the job's error_log), or null
 * @param lagSeconds age of the newest applied backup (workflow time minus its last-modified
 *     time), or -1 before any
 * @param cutover the cutover state: null before a cutover was requested
 * @param reports late, duplicate and unusable objects reported by discovery (most recent)
 * @param alarms operator alarms currently raised (for example: no final backup arrived)
 * @param runNumber how many runs this campaign has had (continue-as-new count + 1)
 * @param finalWatch while a cutover waits for a final backup that is not in the bucket yet: what
 *     it waits for and how often it looks; null otherwise
 * @param chain how the chain is planned and where the database stands by LSN; null before the
 *     campaign decided (and in campaigns started before chains were planned by headers)
 */
public record CampaignStatus(
        String campaignId,
        Phase phase,
        AppliedBackup fullJob,
        List<AppliedBackup> applied,
        int appliedCount,
        List<String> pending,
        String inFlight,
        String blockedReason,
        long lagSeconds,
        CutoverState cutover,
        List<String> reports,
        List<String> alarms,
        int runNumber,
        FinalWatch finalWatch,
        ChainView chain) {

    /**
     * The chain by the backups' headers.
     *
     * @param plannedBy "the backups' headers", or "names (NAMING): why"
     * @param restoredUpTo "restored up to LSN 39000000058800001, taken 2019-05-02T21:15:56 at the
     *     source", or null before the full restore succeeded or when planned by names
     * @param waitingFor the missing log the chain waits for, naming its LSN, or null
     * @param waitingSinceMillis since when it waits for it, or -1
     * @param pending each waiting file with its type and LSN range, in chain order
     */
    public record ChainView(
            String plannedBy, String restoredUpTo, String waitingFor, long waitingSinceMillis, List<String> pending) {}

    /**
     * A requested cutover.
     *
     * @param requestedAtMillis when the operator asked (workflow time)
     * @param finalBackup the named final backup, or null for "the next log backup"
     * @param finalChosen the key chosen as final once known, or null
     * @param hold whether the final is held, once staged, until the operator commits (the prepare
     *     phase of a cutover in two phases)
     * @param preparedAtMillis when the held final was staged and the campaign began to hold it, or
     *     0
     * @param committedAtMillis when the operator committed a held final, or 0
     */
    public record CutoverState(
            long requestedAtMillis,
            String finalBackup,
            String finalChosen,
            boolean hold,
            long preparedAtMillis,
            long committedAtMillis) {

        /** A cutover whose final goes out as soon as it is ready. */
        public CutoverState(long requestedAtMillis, String finalBackup, String finalChosen) {
            this(requestedAtMillis, finalBackup, finalChosen, false, 0, 0);
        }

        CutoverState withFinalChosen(String key) {
            return new CutoverState(requestedAtMillis, finalBackup, key, hold, preparedAtMillis, committedAtMillis);
        }

        CutoverState withPrepared(long atMillis) {
            return new CutoverState(requestedAtMillis, finalBackup, finalChosen, hold, atMillis, committedAtMillis);
        }

        CutoverState withCommitted(long atMillis) {
            return new CutoverState(requestedAtMillis, finalBackup, finalChosen, hold, preparedAtMillis, atMillis);
        }
    }

    /**
     * The watch for a cutover's final backup, which is not in the bucket yet.
     *
     * @param finalBackup the named final backup, or null for "the next log backup"
     * @param sinceMillis when this watch began (workflow time)
     * @param everyMillis how often the bucket is listed for it
     */
    public record FinalWatch(String finalBackup, long sinceMillis, long everyMillis) {

        /** "250 ms", "5 s". */
        public String everyText() {
            return text(Duration.ofMillis(everyMillis));
        }

        /** "250 ms", "5 s". */
        public static String text(Duration every) {
            return every.toMillis() % 1000 == 0 ? every.toSeconds() + " s" : every.toMillis() + " ms";
        }
    }
}
