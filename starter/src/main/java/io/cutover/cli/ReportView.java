package io.cutover.cli;

import io.cutover.campaign.CampaignReport;
import java.time.Instant;

/** The final report of a finished campaign. */
public final class ReportView {
    private ReportView() {}

    public static String render(CampaignReport report) {
        StringBuilder view = new StringBuilder();
        view.append("campaign    ").append(report.campaignId()).append('\n');
        view.append("result      ").append(report.finalPhase()).append('\n');
        if (report.abortReason() != null) {
            view.append("aborted     ").append(report.abortReason()).append('\n');
        }
        if (report.ledger() == null) {
            view.append("backups     ").append(report.backups().size()).append('\n');
        } else {
            // The workflow carries only the most recent entries; the ledger in the bucket has them all.
            view.append("backups     ")
                    .append(report.ledger().entries())
                    .append(" ")
                    .append(report.ledger().outcomes())
                    .append('\n');
            view.append("ledger      ")
                    .append(report.ledger().bucket())
                    .append('/')
                    .append(report.ledger().key())
                    .append('\n');
            view.append("shown       the last ").append(report.backups().size()).append('\n');
        }
        view.append("cutover     ")
                .append(instant(report.cutoverRequestedMillis()))
                .append('\n');
        view.append("online      ").append(instant(report.onlineMillis())).append('\n');
        view.append("downtime    ")
                .append(DurationText.of(report.downtimeMillis()))
                .append('\n');
        if (report.alarms() != null) {
            report.alarms()
                    .forEach(alarm -> view.append("alarm       ").append(alarm).append('\n'));
        }
        view.append(BackupTable.render(report.backups()));
        return view.toString();
    }

    private static String instant(long millis) {
        return millis < 0 ? "-" : Instant.ofEpochMilli(millis).toString();
    }
}
