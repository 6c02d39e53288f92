package io.cutover.wave;

import io.cutover.activity.MemberAnswer;
import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.Phase;
import io.cutover.spec.CampaignSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the wave knows of its members: each one's last report, by campaign id in the spec's order,
 * taken from their signals and, in a wave's first run, their children's results. From it come the
 * wave's phase, who blocks it, and its report.
 */
final class WaveMembers {

    private final Map<String, MemberReport> reports = new LinkedHashMap<>();
    /** Campaign ids by database (lower case). */
    private final Map<String, String> byDatabase = new LinkedHashMap<>();

    WaveMembers(List<CampaignSpec> members, List<MemberReport> carried) {
        for (CampaignSpec member : members) {
            reports.put(member.campaignId(), MemberReport.starting(member.campaignId()));
            byDatabase.put(member.source().database().toLowerCase(Locale.ROOT), member.campaignId());
        }
        carried.forEach(report -> reports.put(report.campaignId(), report));
    }

    Collection<MemberReport> all() {
        return reports.values();
    }

    List<MemberReport> list() {
        return List.copyOf(reports.values());
    }

    Map<String, MemberReport> byCampaign() {
        return reports;
    }

    /** Whether the member is there and still running. */
    boolean running(String campaignId) {
        MemberReport member = reports.get(campaignId);
        return member != null && !member.ended();
    }

    /**
     * A member's report; false when it is not a member, has ended already, or the report is older
     * than the one the wave has (nothing changes).
     */
    boolean changed(MemberReport report) {
        if (!running(report.campaignId()) || report.olderThan(reports.get(report.campaignId()))) {
            return false;
        }
        reports.put(report.campaignId(), report);
        return true;
    }

    /**
     * What the members answered the wave's cutover request: each one's report as it took it, or
     * its refusal; a member whose workflow is gone is told to {@code gone}. A report a member
     * signalled before it took the request may still arrive after its answer; it says how the
     * member stood then (blocked, paused), and its next report supersedes it. A member that took
     * it without a report (asked to answer with its PREPARED one) is known to have taken it; the
     * report comes later. Returns the members not reached.
     */
    List<String> heard(List<MemberAnswer> answers, Consumer<String> gone) {
        List<String> unreached = new ArrayList<>();
        for (MemberAnswer answer : answers) {
            switch (answer.outcome()) {
                case TOOK ->
                    changed(
                            answer.report() != null
                                    ? answer.report()
                                    : reports.get(answer.campaignId()).withCutoverTaken());
                case REFUSED -> changed(reports.get(answer.campaignId()).withCutoverRefusal(answer.reason()));
                case GONE -> gone.accept(answer.campaignId());
                case UNREACHED -> unreached.add(answer.campaignId());
            }
        }
        return unreached;
    }

    /**
     * The reports a collection of PREPARED reports heard ({@link PreparedCollection}); one older
     * than the member's last report here changes nothing, and a member not heard signals its own.
     */
    void collected(List<MemberAnswer> answers) {
        answers.stream()
                .filter(answer -> answer.outcome() == MemberAnswer.Outcome.TOOK)
                .forEach(answer -> changed(answer.report()));
    }

    /** The members that refused the wave's cutover request (and so never took it). */
    Set<String> refusers() {
        Set<String> refused = new HashSet<>();
        reports.values().stream()
                .filter(m -> m.cutoverRefusal() != null && !m.cutoverAccepted())
                .forEach(m -> refused.add(m.campaignId()));
        return refused;
    }

    /** The cutover is cancelled: refusals of it (heard in the members' answers) no longer hold. */
    void forgetRefusals() {
        reports.replaceAll((id, report) -> report.cutoverRefusal() == null ? report : report.withCutoverRefusal(null));
    }

    /**
     * A member's end from its campaign's result (members that began before they reported their end
     * say it only so); a member whose workflow failed or was terminated is ABORTED.
     */
    void ended(String campaignId, CampaignReport report, RuntimeException failure) {
        MemberReport last = reports.get(campaignId);
        reports.put(
                campaignId,
                report != null
                        ? new MemberReport(
                                campaignId,
                                report.finalPhase(),
                                null,
                                last.finalChosen(),
                                null,
                                report.onlineMillis(),
                                report.downtimeMillis(),
                                last.cutoverAccepted(),
                                null)
                        : MemberReport.aborted(campaignId, "its workflow ended: " + failure.getMessage()));
    }

    /**
     * A member still running by its reports that no signal reaches: its workflow ended without
     * telling the wave (terminated by hand, say, after the wave continued as new and so no longer
     * has its child's result). It counts as ABORTED from now on; false when it had ended already.
     */
    boolean gone(String campaignId) {
        if (!running(campaignId)) {
            return false;
        }
        reports.put(
                campaignId,
                MemberReport.aborted(
                        campaignId,
                        "no signal reaches its workflow: it ended without telling the wave (terminated by hand?)"));
        return true;
    }

    boolean allEnded() {
        return reports.values().stream().allMatch(MemberReport::ended);
    }

    /** Whether every member took the wave's cutover request, refused it, or ended. */
    boolean allAnswered() {
        return reports.values().stream().allMatch(m -> m.cutoverAccepted() || m.cutoverRefusal() != null || m.ended());
    }

    /** The campaign id of the member with this database, or null. */
    String campaignOf(String database) {
        return byDatabase.get(database.toLowerCase(Locale.ROOT));
    }

    /** The named finals by campaign id; a member not named takes the next log backup. */
    Map<String, String> finalsByCampaign(WaveCutoverRequest request) {
        Map<String, String> finals = new LinkedHashMap<>();
        if (request != null && request.finals() != null) {
            request.finals().forEach((database, finalBackup) -> finals.put(campaignOf(database), finalBackup));
        }
        return finals;
    }

    /** The databases a request names, each with its member's campaign id (null: no such member). */
    Map<String, String> named(WaveCutoverRequest request) {
        Map<String, String> named = new LinkedHashMap<>();
        if (request != null && request.finals() != null) {
            request.finals().keySet().forEach(database -> named.put(database, campaignOf(database)));
        }
        return named;
    }

    /** The members that keep the wave from going on, each with why. */
    List<String> blocking() {
        List<String> blocking = new ArrayList<>();
        reports.values().stream()
                .filter(m -> m.phase() == Phase.BLOCKED || m.cutoverRefusal() != null)
                .map(m -> m.campaignId() + ": " + (m.phase() == Phase.BLOCKED ? m.blockedReason() : m.cutoverRefusal()))
                .forEach(blocking::add);
        return blocking;
    }

    /** The wave's phase from its members' and its cutover's. */
    WavePhase phase(WaveCutover.State cutover) {
        if (allEnded()) {
            return reports.values().stream().allMatch(m -> m.phase() == Phase.COMPLETED)
                    ? WavePhase.COMPLETED
                    : WavePhase.ABORTED;
        }
        if (reports.values().stream().anyMatch(m -> m.phase() == Phase.BLOCKED)) {
            return WavePhase.BLOCKED;
        }
        return switch (cutover) {
            case NONE -> WavePhase.CATCHING_UP;
            case PREPARING -> WavePhase.PREPARING;
            case COMMITTING -> WavePhase.COMMITTING;
        };
    }

    /** When the last member came online, or -1 unless every member is online. */
    long lastOnlineMillis() {
        boolean allOnline = reports.values().stream().allMatch(m -> m.onlineMillis() > 0);
        return allOnline
                ? reports.values().stream()
                        .mapToLong(MemberReport::onlineMillis)
                        .max()
                        .orElse(-1)
                : -1;
    }
}
