package io.cutover.wave;

import io.cutover.campaign.AbortRequest;
import io.cutover.spec.WaveSpec;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A cutover wave: several campaigns (its members, child workflows) cut over in one window, all or
 * nothing. Its id is the wave id.
 */
@WorkflowInterface
public interface WaveWorkflow {

    String TYPE = "Wave";

    /**
     * Runs the wave.
     *
     * @param spec the wave spec
     * @param carried the state carried over by continue-as-new; null on the first run
     * @return how the wave ended
     */
    @WorkflowMethod(name = TYPE)
    WaveReport run(WaveSpec spec, WaveState carried);

    /** A member's news (sent by the member campaigns themselves). */
    @SignalMethod(name = "memberChanged")
    void memberChanged(MemberReport report);

    /** A member asks for a turn for one DRS job on a target that bounds the jobs running at once. */
    @SignalMethod(name = "jobTurnWanted")
    void jobTurnWanted(JobTurn turn);

    /** A member's job has ended (or was never made): its turn is free for the next member. */
    @SignalMethod(name = "jobTurnDone")
    void jobTurnDone(JobTurn turn);

    /**
     * Cuts the wave over in two phases: every member restores everything before its final and
     * holds the final staged; only once all hold theirs do the finals go out. Rejected, with the
     * reason per member, if any member cannot take it now.
     */
    @UpdateMethod(name = "requestCutover")
    WaveStatus requestCutover(WaveCutoverRequest request);

    @UpdateValidatorMethod(updateName = "requestCutover")
    void validateCutover(WaveCutoverRequest request);

    /**
     * As requestCutover, for the Temporal UI's "Send a Signal": a signal cannot answer, so a
     * refusal is shown in the wave's status (blocking) and its UI summary.
     */
    @SignalMethod(name = "cutover")
    void cutover(WaveCutoverRequest request);

    /** Cancels the wave's cutover before the finals go out: every member catches up again. */
    @UpdateMethod(name = "cancelCutover")
    void cancelCutover();

    @UpdateValidatorMethod(updateName = "cancelCutover")
    void validateCancelCutover();

    @SignalMethod(name = "pause")
    void pause();

    @SignalMethod(name = "resume")
    void resume();

    @SignalMethod(name = "abort")
    void abort(AbortRequest request);

    @QueryMethod(name = "status")
    WaveStatus status();
}
