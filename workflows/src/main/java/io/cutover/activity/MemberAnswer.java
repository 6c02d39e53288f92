package io.cutover.activity;

import io.cutover.wave.MemberReport;

/**
 * A member's answer to the wave's cutover request.
 *
 * @param campaignId the member's workflow id
 * @param outcome what it answered
 * @param report its report once it took the request (TOOK), or null
 * @param reason why it refused, or why it could not be asked (REFUSED, UNREACHED), or null
 */
public record MemberAnswer(String campaignId, Outcome outcome, MemberReport report, String reason) {

    /** How the ask ended. */
    public enum Outcome {
        /** The member took the request; its report says how it stands now. */
        TOOK,
        /** The member refused it, for the reason given: it cannot take a cutover now. */
        REFUSED,
        /** The member's workflow is not running: it ended without telling the wave. */
        GONE,
        /** No answer in time, or the call failed: the wave asks it again by signal. */
        UNREACHED
    }

    public static MemberAnswer took(String campaignId, MemberReport report) {
        return new MemberAnswer(campaignId, Outcome.TOOK, report, null);
    }

    public static MemberAnswer refused(String campaignId, String reason) {
        return new MemberAnswer(campaignId, Outcome.REFUSED, null, reason);
    }

    public static MemberAnswer gone(String campaignId) {
        return new MemberAnswer(campaignId, Outcome.GONE, null, null);
    }

    public static MemberAnswer unreached(String campaignId, String reason) {
        return new MemberAnswer(campaignId, Outcome.UNREACHED, null, reason);
    }
}
