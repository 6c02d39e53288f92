package io.cutover.activity;

import io.cutover.campaign.CutoverRequest;

/**
 * A wave's cutover request to one member.
 *
 * @param campaignId the member's workflow id
 * @param updateId the update's id: the same for every attempt of the same ask
 * @param request the member's part of the wave's request, held
 */
public record MemberAsk(String campaignId, String updateId, CutoverRequest request) {}
