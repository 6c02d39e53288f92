package io.cutover.activity;

import io.cutover.campaign.CutoverRequest;

/**
 * A wave's request to one member.
 *
 * @param campaignId the member's workflow id
 * @param updateId the update's id: the same for every attempt of the same ask
 * @param request the member's part of the wave's cutover request, held; null for a collection
 * @param collected whether the wave collects the member's PREPARED report by update (it holds the
 *     report for that rather than signal it)
 */
public record MemberAsk(String campaignId, String updateId, CutoverRequest request, boolean collected) {

    /** The wave's cutover request to a member. */
    public static MemberAsk cutover(String campaignId, String updateId, CutoverRequest request, boolean collected) {
        return new MemberAsk(campaignId, updateId, request, collected);
    }

    /** The wave's collection of a member's PREPARED report. */
    public static MemberAsk collect(String campaignId, String updateId) {
        return new MemberAsk(campaignId, updateId, null, true);
    }
}
