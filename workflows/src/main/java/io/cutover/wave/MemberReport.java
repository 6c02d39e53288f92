package io.cutover.wave;

import io.cutover.activity.JobRequest;
import io.cutover.campaign.Phase;

/**
 * What a member campaign tells its wave, each time it changes: enough for the wave to decide
 * (everyone prepared? someone blocked?) and to show each member at a glance.
 *
 * @param campaignId the member's campaign id
 * @param phase its phase
 * @param blockedReason why it is blocked (its DRS error), or null
 * @param finalChosen the final backup it holds or applies, or null
 * @param cutoverRefusal why it refused the wave's cutover, or null
 * @param onlineMillis when its database came online, or -1
 * @param downtimeMillis its cutover request to online, or -1
 * @param cutoverAccepted whether it took a cutover request (the wave's answer waits for it)
 * @param finalJob while it holds its final: the DRS job its commit sends, which the wave creates
 *     for every member at once (see {@link FinalsAhead}); null otherwise, and from members that
 *     began before it was sent
 * @param sequence the order in which the member made its reports (greater is newer), so that a
 *     report the wave hears late (an answer collected by {@link PreparedCollection}) never
 *     replaces a newer one it heard by signal; 0 from members that began before it was sent
 */
public record MemberReport(
        String campaignId,
        Phase phase,
        String blockedReason,
        String finalChosen,
        String cutoverRefusal,
        long onlineMillis,
        long downtimeMillis,
        boolean cutoverAccepted,
        JobRequest finalJob,
        long sequence) {

    /** A report not yet in the member's order (the member gives it its sequence as it sends it). */
    public MemberReport(
            String campaignId,
            Phase phase,
            String blockedReason,
            String finalChosen,
            String cutoverRefusal,
            long onlineMillis,
            long downtimeMillis,
            boolean cutoverAccepted,
            JobRequest finalJob) {
        this(
                campaignId,
                phase,
                blockedReason,
                finalChosen,
                cutoverRefusal,
                onlineMillis,
                downtimeMillis,
                cutoverAccepted,
                finalJob,
                0);
    }

    /** A member that has not reported yet. */
    static MemberReport starting(String campaignId) {
        return new MemberReport(campaignId, Phase.VALIDATING, null, null, null, -1, -1, false, null);
    }

    /** A member whose workflow ended without a report of its end, for the reason given. */
    static MemberReport aborted(String campaignId, String reason) {
        return new MemberReport(campaignId, Phase.ABORTED, reason, null, null, -1, -1, false, null);
    }

    /** This report with the member's refusal of the wave's cutover (null: none), which it did not take. */
    MemberReport withCutoverRefusal(String reason) {
        return new MemberReport(
                campaignId,
                phase,
                blockedReason,
                finalChosen,
                reason,
                onlineMillis,
                downtimeMillis,
                false,
                finalJob,
                sequence);
    }

    /**
     * This report as the wave knows it once the member took its cutover request but has not said
     * more (its answer comes with its PREPARED report): outside the member's order, so that the
     * member's next report, whichever it is, replaces it.
     */
    MemberReport withCutoverTaken() {
        return new MemberReport(
                campaignId,
                Phase.CUTOVER_REQUESTED,
                blockedReason,
                finalChosen,
                null,
                onlineMillis,
                downtimeMillis,
                true,
                finalJob,
                0);
    }

    /** The same report without the final's job request. */
    public MemberReport withoutFinalJob() {
        return new MemberReport(
                campaignId,
                phase,
                blockedReason,
                finalChosen,
                cutoverRefusal,
                onlineMillis,
                downtimeMillis,
                cutoverAccepted,
                null,
                sequence);
    }

    /** The same report, placed in the member's order. */
    public MemberReport withSequence(long order) {
        return new MemberReport(
                campaignId,
                phase,
                blockedReason,
                finalChosen,
                cutoverRefusal,
                onlineMillis,
                downtimeMillis,
                cutoverAccepted,
                finalJob,
                order);
    }

    /** Whether this report is older than {@code other} in the member's order (unordered: never). */
    boolean olderThan(MemberReport other) {
        return sequence > 0 && other.sequence > 0 && sequence < other.sequence;
    }

    boolean ended() {
        return phase == Phase.COMPLETED || phase == Phase.ABORTED;
    }
}
