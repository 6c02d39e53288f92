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
 * @param jobTurns per target instance that bounds its jobs: how many run of the limit, who runs,
 *     who waits for a turn; empty when no target sets a limit
 * @param runNumber how many runs the wave has had (continue-as-new count + 1)
 */
public record WaveStatus(
        String waveId,
        WavePhase phase,
        List<MemberReport> members,
        long cutoverRequestedMillis,
        List<String> blocking,
        List<String> jobTurns,
        int runNumber) {}
