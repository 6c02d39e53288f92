package io.cutover.wave;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The Temporal UI's view of the wave: its phase, the cutover request, the job turns of bounded
 * targets, and one line per member (phase, final held, why blocked). Current details: refreshed
 * with every member's news, no history event.
 */
final class WaveSummary {

    private WaveSummary() {}

    static String markdown(
            String waveId,
            WavePhase phase,
            long requestedAtMillis,
            String signalRefusal,
            List<String> turns,
            Collection<MemberReport> members) {
        StringBuilder md = new StringBuilder();
        md.append("## Wave `").append(waveId).append("`: **").append(phase).append("**\n\n");
        if (requestedAtMillis > 0) {
            md.append("- Cutover requested at ")
                    .append(Instant.ofEpochMilli(requestedAtMillis))
                    .append(": no final goes out before every member holds its own\n");
        }
        if (signalRefusal != null) {
            md.append("- **").append(signalRefusal).append("**\n");
        }
        turns.forEach(line -> md.append("- Target ").append(line).append('\n'));
        for (MemberReport member : members) {
            md.append("- `").append(member.campaignId()).append("`: ").append(member.phase());
            if (member.finalChosen() != null) {
                md.append(", final `").append(member.finalChosen()).append('`');
            }
            if (member.blockedReason() != null) {
                md.append(", **blocked**: ").append(member.blockedReason());
            }
            if (member.cutoverRefusal() != null) {
                md.append(", **refused**: ").append(member.cutoverRefusal());
            }
            md.append('\n');
        }
        return md.toString();
    }
}
