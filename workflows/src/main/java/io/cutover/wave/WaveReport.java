package io.cutover.wave;

import java.util.List;

/**
 * How the wave ended.
 *
 * @param waveId the wave id
 * @param phase COMPLETED or ABORTED
 * @param members each member's last report: its phase, when it came online, its downtime (its own
 *     report, with every file, is its campaign's result)
 * @param cutoverRequestedMillis when the wave's cutover was requested, or -1
 * @param lastOnlineMillis when the last member came online, or -1
 * @param downtimeMillis the wave's downtime: request to the last member online, or -1
 */
public record WaveReport(
        String waveId,
        WavePhase phase,
        List<MemberReport> members,
        long cutoverRequestedMillis,
        long lastOnlineMillis,
        long downtimeMillis) {}
