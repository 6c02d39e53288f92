package io.cutover.campaign;

import io.cutover.spec.CampaignSpec;
import io.cutover.wave.JobTurn;
import io.cutover.wave.MemberReport;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A migration campaign: full restore, every log backup in chain order, then the operator's
 * cutover. The signal, update and query names are stable: operators type them in the UI.
 */
@WorkflowInterface
public interface CampaignWorkflow {

    /** Workflow type name, as shown in the Temporal UI. */
    String TYPE = "Campaign";

    /**
     * Runs the campaign.
     *
     * @param spec the campaign spec
     * @param carried the state carried over by continue-as-new; null on the first run
     * @return the report of the finished campaign
     */
    @WorkflowMethod(name = TYPE)
    CampaignReport run(CampaignSpec spec, CampaignState carried);

    /** Cut over: apply what is pending up to the final file, then the final file as last. */
    @SignalMethod(name = "cutover")
    void cutover(CutoverRequest request);

    /** Same as the cutover signal, validated first, answered with the accepted plan. */
    @UpdateMethod(name = "requestCutover")
    CutoverPlan requestCutover(CutoverRequest request);

    @UpdateValidatorMethod(updateName = "requestCutover")
    void validateCutover(CutoverRequest request);

    /**
     * Commits a cutover requested with {@code hold}: the held final goes out. Rejected unless the
     * campaign is holding its staged final.
     */
    @UpdateMethod(name = "commitCutover")
    void commitCutover();

    @UpdateValidatorMethod(updateName = "commitCutover")
    void validateCommitCutover();

    /**
     * Cancels a cutover whose final has not gone out: the campaign catches up again, a held final
     * applied as any log backup. Rejected once the final goes out.
     */
    @UpdateMethod(name = "cancelCutover")
    void cancelCutover();

    @UpdateValidatorMethod(updateName = "cancelCutover")
    void validateCancelCutover();

    /**
     * A wave's cutover request, held ({@code hold}): as requestCutover, answered with the report
     * the member would otherwise send its wave, which is then not sent. A wave asks its members
     * with it from an activity, all at once: their answers reach it without a signal into its
     * history per member (see WaveWorkflowImpl).
     *
     * @param collected whether the wave collects the member's PREPARED report with {@link
     *     #wavePrepared} (the report is then held for it rather than signalled); false from waves
     *     that began before they collected, whose asks carry the request alone
     */
    @UpdateMethod(name = "waveCutover")
    MemberReport waveCutover(CutoverRequest request, boolean collected);

    @UpdateValidatorMethod(updateName = "waveCutover")
    void validateWaveCutover(CutoverRequest request, boolean collected);

    /**
     * A wave's collection of this member's PREPARED report: answered once the member holds its
     * final (with that report, which is then not signalled), once the cutover is no longer asked of
     * it, or after {@code withinMillis}, with its report then. Rejected outside a wave.
     */
    @UpdateMethod(name = "wavePrepared")
    MemberReport wavePrepared(long withinMillis);

    @UpdateValidatorMethod(updateName = "wavePrepared")
    void validateWavePrepared(long withinMillis);

    /**
     * A wave's cutover request, held, and the collection of the report that follows it, in one
     * update: taken at once (accepted means taken: the wave's answer waits for that alone), then
     * answered once the member holds its final (with that report, which is then not signalled),
     * once the cutover is no longer asked of it, or after {@code withinMillis}, with its report
     * then. One update per member rather than {@link #waveCutover} then {@link #wavePrepared}: the
     * member watches for its final from the task after it took the request, without waiting for a
     * second call to reach it. Rejected as waveCutover is.
     */
    @UpdateMethod(name = "wavePrepare")
    MemberReport wavePrepare(CutoverRequest request, long withinMillis);

    @UpdateValidatorMethod(updateName = "wavePrepare")
    void validateWavePrepare(CutoverRequest request, long withinMillis);

    /**
     * From a wave that did not hear this member's answer to {@link #wavePrepare}: the member signals
     * its last report again, and its reports from now on, rather than hold any for the update.
     */
    @SignalMethod(name = "report-to-wave")
    void reportToWave();

    /** As commitCutover, for a wave (a workflow can signal another, not update it). */
    @SignalMethod(name = "commit")
    void commit();

    /** As cancelCutover, for a wave. */
    @SignalMethod(name = "cancel-cutover")
    void cancelCutoverSignal();

    /** Stop submitting new jobs after the one in flight. */
    @SignalMethod(name = "pause")
    void pause();

    @SignalMethod(name = "resume")
    void resume();

    /** After a failed job: submit the same file again under a new attempt name. */
    @SignalMethod(name = "retry")
    void retry();

    /** After a failed job: leave that file out (recorded in the report) and go on. */
    @SignalMethod(name = "skip")
    void skip(SkipRequest request);

    /** End the campaign without cutting over. */
    @SignalMethod(name = "abort")
    void abort(AbortRequest request);

    /** The wave's answer to a member waiting for its turn for a DRS job (see target.maxRunningJobs). */
    @SignalMethod(name = "jobTurn")
    void jobTurn(JobTurn turn);

    @QueryMethod(name = "status")
    CampaignStatus status();
}
