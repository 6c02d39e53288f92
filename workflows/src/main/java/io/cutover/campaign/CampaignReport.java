package io.cutover.campaign;

import java.util.List;

/**
 * The result of a finished campaign.
 *
 * @param campaignId the campaign id
 * @param finalPhase COMPLETED or ABORTED
 * @param backups every backup with its job, start, end and outcome (skips included)
 * @param cutoverRequestedMillis when the cutover was requested, or -1
 * @param onlineMillis when the final job succeeded (the database came online), or -1
 * @param downtimeMillis from the cutover request to the database online, or -1
 * @param abortReason why the campaign was aborted, or null
 */
public record CampaignReport(
    String campaignId,
    Phase finalPhase,
    List<AppliedBackup> backups,
    long cutoverRequestedMillis,
    long onlineMillis,
    long downtimeMillis,
    String abortReason) {}
