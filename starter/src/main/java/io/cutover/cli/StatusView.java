package io.cutover.cli;

import io.cutover.activity.AppliedBackup;
import io.cutover.campaign.CampaignStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The live table of one campaign, from its status query. */
public final class StatusView {
    private StatusView() {}

    private static final String LINE = "%-11s %s%n";

    public static String render(CampaignStatus status) {
        return render(status, Instant.now(), Optional.empty());
    }

    /**
     * The table at {@code now}; {@code lastLook} is when the bucket was last listed for the
     * cutover's final backup, where the server told it (the listing activity's last attempt).
     */
    public static String render(CampaignStatus status, Instant now, Optional<Instant> lastLook) {
        StringBuilder view = new StringBuilder();
        view.append(String.format(LINE, "campaign", status.campaignId() + "  (run " + status.runNumber() + ")"));
        view.append(String.format(LINE, "phase", status.phase()));
        AppliedBackup full = status.fullJob();
        view.append(String.format(
                LINE,
                "full job",
                full == null
                        ? "not submitted yet"
                        : full.key() + "  job " + full.jobId() + "  "
                                + (full.outcome() == null ? "running" : full.outcome())));
        view.append(String.format(LINE, "applied", status.appliedCount() + " log backups"));
        view.append(String.format(LINE, "in flight", orDash(status.inFlight())));
        view.append(String.format(LINE, "pending", pending(status.pending())));
        CampaignStatus.ChainView chain = status.chain();
        if (chain != null) {
            view.append(String.format(
                    LINE,
                    "chain",
                    "by " + chain.plannedBy() + (chain.restoredUpTo() == null ? "" : "; " + chain.restoredUpTo())));
            if (chain.waitingFor() != null) {
                view.append(String.format(
                        LINE,
                        "WAITING",
                        chain.waitingFor() + " (for "
                                + DurationText.of(Math.max(0, now.toEpochMilli() - chain.waitingSinceMillis())) + ")"));
            }
            chain.pending().forEach(file -> view.append(String.format(LINE, "", file)));
        }
        view.append(String.format(
                LINE, "lag", status.lagSeconds() < 0 ? "-" : DurationText.of(status.lagSeconds() * 1000)));
        view.append(String.format(LINE, "blocked", orDash(status.blockedReason())));
        view.append(String.format(LINE, "cutover", cutover(status.cutover())));
        if (status.finalWatch() != null) {
            view.append(String.format(LINE, "final", finalWatch(status.finalWatch(), now, lastLook)));
        }
        if (!status.alarms().isEmpty()) {
            view.append(String.format(LINE, "ALARMS", String.join("; ", status.alarms())));
        }
        if (!status.reports().isEmpty()) {
            view.append(String.format(LINE, "reports", String.join("; ", status.reports())));
        }
        if (!status.applied().isEmpty()) {
            view.append("recent backups:\n");
            view.append(BackupTable.render(status.applied()));
        }
        return view.toString();
    }

    private static String pending(List<String> pending) {
        if (pending.isEmpty()) {
            return "none";
        }
        int shown = Math.min(pending.size(), 5);
        return pending.size() + ": " + String.join(", ", pending.subList(0, shown))
                + (shown < pending.size() ? ", ..." : "");
    }

    private static String cutover(CampaignStatus.CutoverState cutover) {
        if (cutover == null) {
            return "not requested";
        }
        String finalBackup = cutover.finalChosen() != null
                ? cutover.finalChosen()
                : cutover.finalBackup() != null ? cutover.finalBackup() : "the next log backup to arrive";
        return "requested " + Instant.ofEpochMilli(cutover.requestedAtMillis()) + ", final backup: " + finalBackup;
    }

    /** "waiting for X: not in the bucket yet, looked 3 s ago, looking every 250 ms (for 1m12s)". */
    static String finalWatch(CampaignStatus.FinalWatch watch, Instant now, Optional<Instant> lastLook) {
        String name = watch.finalBackup() == null ? "the next log backup" : watch.finalBackup();
        String looked = lastLook.map(at -> "looked "
                        + DurationText.of(Math.max(0, Duration.between(at, now).toMillis())) + " ago, ")
                .orElse("");
        return "waiting for " + name + ": not in the bucket yet, " + looked + "looking every " + watch.everyText()
                + " (for " + DurationText.of(Math.max(0, now.toEpochMilli() - watch.sinceMillis())) + ")";
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
