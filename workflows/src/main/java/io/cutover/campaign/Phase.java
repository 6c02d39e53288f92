package io.cutover.campaign;

/** Where a campaign is, as operators see it (search attribute CampaignPhase). */
public enum Phase {
    VALIDATING,
    FULL_RESTORE,
    CATCHING_UP,
    CUTOVER_REQUESTED,
    /** The cutover's final backup is staged and held until the operator commits. */
    PREPARED,
    FINALIZING,
    COMPLETED,
    BLOCKED,
    PAUSED,
    ABORTED
}
