package io.cutover.campaign;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.LedgerSummary;
import java.util.List;

/**
 * The result of a finished campaign.
 *
 * @param campaignId the campaign id
 * @param finalPhase COMPLETED or ABORTED
 * @param backups the backups with their job, start, end and outcome (skips included): every one
 *     when there is no ledger, else the most recent ones, the ledger holding them all
 * @param cutoverRequestedMillis when the cutover was requested, or -1
 * @param onlineMillis when the final job succeeded (the database came online), or -1
 * @param downtimeMillis from the cutover request to the database online, or -1
 * @param abortReason why the campaign was aborted, or null
 * @param ledger where the full ledger of the campaign was written, or null when it kept none (an
 *     RDS restore, or a campaign started before the ledger existed)
 * @param alarms the alarms still raised when the campaign ended, for instance DRS jobs bearing
 *     this campaign's job names that it did not adopt, for the operator to look at; empty when
 *     none (null in reports of workers before this field)
 */
public record CampaignReport(
        String campaignId,
        Phase finalPhase,
        List<AppliedBackup> backups,
        long cutoverRequestedMillis,
        long onlineMillis,
        long downtimeMillis,
        String abortReason,
        LedgerSummary ledger,
        List<String> alarms) {

    /** A report without alarms. */
    public CampaignReport(
            String campaignId,
            Phase finalPhase,
            List<AppliedBackup> backups,
            long cutoverRequestedMillis,
            long onlineMillis,
            long downtimeMillis,
            String abortReason,
            LedgerSummary ledger) {
        this(
                campaignId,
                finalPhase,
                backups,
                cutoverRequestedMillis,
                onlineMillis,
                downtimeMillis,
                abortReason,
                ledger,
                List.of());
    }

    /** A report without a ledger: every backup is in {@code backups}. */
    public CampaignReport(
            String campaignId,
            Phase finalPhase,
            List<AppliedBackup> backups,
            long cutoverRequestedMillis,
            long onlineMillis,
            long downtimeMillis,
            String abortReason) {
        this(campaignId, finalPhase, backups, cutoverRequestedMillis, onlineMillis, downtimeMillis, abortReason, null);
    }
}
