package io.cutover.wave;

import java.util.List;

/**
 * The answer to the wave's status query.
 *
 * @param waveId the wave id
 * @param phase the wave's phase
 * @param members each member's last report, in the spec's order
 * @param cutoverRequestedMillis when the wave's cutover was requested, or -1
 * @param blocking the members that keep the wave from going on, with why, or empty
 */
public record WaveStatus(
        String waveId,
        WavePhase phase,
        List<MemberReport> members,
        long cutoverRequestedMillis,
        List<String> blocking) {}
