package io.cutover.cli;

import io.cutover.campaign.CampaignStatus;
import io.cutover.wave.MemberReport;
import io.cutover.wave.WaveStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The wave's live table: its phase, then one line per member. */
public final class WaveStatusView {

    private static final String ROW = "%-28s %-17s %7s %7s %8s  %s%n";

    private WaveStatusView() {}

    /**
     * @param members each member's own status, by campaign id, where it could be asked (a member
     *     not started yet is not there)
     */
    public static String render(WaveStatus wave, Map<String, CampaignStatus> members) {
        StringBuilder view = new StringBuilder();
        view.append(String.format("%-11s %s%n", "wave", wave.waveId()));
        view.append(String.format("%-11s %s%n", "phase", wave.phase()));
        if (wave.cutoverRequestedMillis() > 0) {
            view.append(String.format(
                    "%-11s requested %s: no final goes out before every member holds its own%n",
                    "cutover", Instant.ofEpochMilli(wave.cutoverRequestedMillis())));
        }
        if (!wave.blocking().isEmpty()) {
            view.append(String.format("%-11s %s%n", "BLOCKING", String.join("; ", wave.blocking())));
        }
        for (String turns : wave.jobTurns() == null ? List.<String>of() : wave.jobTurns()) {
            view.append(String.format("%-11s %s%n", "target", turns));
        }
        view.append(String.format(ROW, "member", "phase", "applied", "pending", "lag", "final / blocked"));
        for (MemberReport member : wave.members()) {
            CampaignStatus status = members.get(member.campaignId());
            String note = member.blockedReason() != null
                    ? "blocked: " + member.blockedReason()
                    : member.cutoverRefusal() != null
                            ? "refused: " + member.cutoverRefusal()
                            : member.finalChosen() != null ? member.finalChosen() : "-";
            view.append(String.format(
                    ROW,
                    member.campaignId(),
                    member.phase(),
                    status == null ? "-" : String.valueOf(status.appliedCount()),
                    status == null ? "-" : String.valueOf(status.pending().size()),
                    status == null || status.lagSeconds() < 0 ? "-" : status.lagSeconds() + "s",
                    note));
        }
        return view.toString();
    }
}
