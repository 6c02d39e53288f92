package io.cutover.wave;

import java.util.List;

/**
 * What a wave carries from one run to the next (continue-as-new): each member's last report, the
 * cutover's state, the job turns, the operator's abort, and the run count. Null on the first run.
 *
 * @param members each member's last report, in the spec's order
 * @param cutover the wave's cutover state
 * @param cutoverRequestedMillis when the wave's cutover was requested, or -1
 * @param aborted whether the operator aborted the wave
 * @param signalRefusal why the last cutover signal was refused, or null
 * @param turns the job turns per target instance
 * @param completedRuns how many runs came before this one
 * @param continueAsNewAfterEvents a run continues as new once its history is this long
 */
public record WaveState(
        List<MemberReport> members,
        WaveCutover.State cutover,
        long cutoverRequestedMillis,
        boolean aborted,
        String signalRefusal,
        TargetTurns.Carried turns,
        int completedRuns,
        long continueAsNewAfterEvents) {

    /**
     * How long a wave's run grows before it continues as new. A member's reports cost the wave
     * about four events each (a signal and its workflow task) and a job turn eight: a wave of 50
     * members on a bounded target adds about 400 events per round of log backups.
     */
    public static final long CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

    /** The first run's state, continuing as new after {@code events} events (tests set it low). */
    public static WaveState first(long events) {
        return new WaveState(List.of(), WaveCutover.State.NONE, -1, false, null, TargetTurns.Carried.none(), 0, events);
    }
}
