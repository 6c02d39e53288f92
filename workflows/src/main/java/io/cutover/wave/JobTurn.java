package io.cutover.wave;

/**
 * A member's turn for one DRS job on a target instance whose jobs the wave bounds.
 *
 * @param campaignId the member asking, or granted
 * @param token the job's name: unique per attempt, so that a turn given, or given back, for one
 *     job is never taken for the member's next
 */
public record JobTurn(String campaignId, String token) {}
