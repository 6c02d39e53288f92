package io.cutover.campaign;

import io.cutover.spec.CampaignSpec;
import io.cutover.wave.JobTurn;
import io.cutover.wave.WaveWorkflow;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A member campaign's turns for DRS jobs, when its target instance bounds the jobs running at once
 * ({@code target.maxRunningJobs}): before each create it asks its wave for a turn and waits for it;
 * once the job has ended (or could not be made) it gives the turn back. The wave counts the turns
 * of every member on that instance, so the finals of a commit go out as fast as the limit allows
 * and no faster. A campaign outside a wave, or whose target sets no limit, never waits.
 *
 * <p>A member whose wave is gone (terminated) cannot be answered: a signal that never gets through
 * ({@link SignalOutbox}) tells it so, and from then on it runs its jobs without turns, as the campaign of its own it now is.
 */
final class JobTurns {

    private final CampaignSpec spec;
    private final String waveId;
    private boolean adopted;
    private boolean waveGone;
    /** The job the member waits for, or holds, a turn for; null when none. */
    private String token;

    private boolean granted;
    private final SignalOutbox sent = new SignalOutbox();

    JobTurns(CampaignSpec spec) {
        this.spec = spec;
        this.waveId = Workflow.getInfo().getParentWorkflowId().orElse(null);
    }

    /** Asked at the start of a run: only members whose target bounds its jobs take turns. */
    void decide() {
        adopted = waveId != null
                && spec.target() != null
                && spec.target().limitsJobs()
                && CampaignVersions.adopted(CampaignVersions.JOB_TURNS);
    }

    /**
     * Waits for the wave's turn for the job named {@code jobName}; false when the campaign was
     * aborted first (no job is made then).
     */
    boolean take(String jobName, BooleanSupplier aborted) {
        if (!adopted || waveGone) {
            return true;
        }
        token = jobName;
        granted = false;
        JobTurn turn = new JobTurn(spec.campaignId(), jobName);
        toWave(wave -> Async.procedure(wave::jobTurnWanted, turn));
        Workflow.await(() -> granted || waveGone || aborted.getAsBoolean());
        return granted || waveGone;
    }

    /** Gives back the turn taken (or asked for) for the job, which has ended or was never made. */
    void giveBack() {
        if (token == null) {
            return;
        }
        String done = token;
        token = null;
        granted = false;
        if (!waveGone) {
            JobTurn turn = new JobTurn(spec.campaignId(), done);
            toWave(wave -> Async.procedure(wave::jobTurnDone, turn));
        }
    }

    /** The wave's answer: the turn for this job, if it is still the one waited for. */
    void granted(JobTurn turn) {
        if (turn != null && turn.token() != null && turn.token().equals(token)) {
            granted = true;
        }
    }

    /** Before the campaign's end: waits until the turn given back has reached the wave. */
    void awaitDelivered() {
        if (adopted) {
            Workflow.await(sent::delivered);
        }
    }

    private void toWave(Function<WaveWorkflow, Promise<Void>> signal) {
        // A signal that never gets through means the wave is not running: no one counts turns any more.
        sent.send(
                waveId,
                () -> signal.apply(Workflow.newExternalWorkflowStub(WaveWorkflow.class, waveId)),
                () -> waveGone = true);
    }
}
