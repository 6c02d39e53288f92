package io.cutover.wave;

import io.cutover.campaign.AbortRequest;
import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.UnreadablePayloads;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.InvalidSpecException;
import io.cutover.spec.SpecViolation;
import io.cutover.spec.WaveSpec;
import io.cutover.spec.WaveSpecs;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The wave as its runbook reads: validate, start every member campaign, let them catch up, cut
 * them over together (prepare all, then commit all, see {@link WaveCutover}), report.
 *
 * <p>Members are child workflows with the parent-close policy ABANDON: if the wave's workflow is
 * terminated (or fails), its members go on as the campaigns they are, each still driven by its own
 * operator actions; none is cancelled mid-restore by the loss of its wave. Members tell the wave
 * what changed ({@code memberChanged}), their end included; the wave cannot query them, so what it
 * decides it decides from those reports.
 *
 * <p>A weeks-long wave continues as new when its history grows long (members' reports and job
 * turns are what makes it grow); the new run carries every member's last report, the cutover and
 * the turns, and learns its members' ends from their reports, no longer from its children's
 * results.
 */
public class WaveWorkflowImpl implements WaveWorkflow {

    /** ApplicationFailure type of a wave spec the workflow refuses to run. */
    public static final String INVALID_SPEC = "InvalidWaveSpec";

    /** How long the wave's cutover answer waits for every member to take the request. */
    static final Duration MEMBERS_ANSWER = Duration.ofSeconds(60);

    /** What a wave's cutover request looks like, for an operator whose request could not be read. */
    private static final String CUTOVER_PAYLOAD =
            "{\"finals\": {\"Orders\": \"the tail-log backup's name\"}}, or {\"finals\": {}} for every member's next log backup";

    /** The wave continues as new when its history grows long (before: it never did). */
    static final String CONTINUE_AS_NEW = "wave-continue-as-new";

    /** A member no signal reaches counts as ended (before: the wave waited for it for ever). */
    static final String MEMBERS_GONE = "wave-members-gone";

    private final WaveSpec spec;
    /** Every rule the spec breaks, judged once: the run refuses to start when there is any. */
    private final List<SpecViolation> violations;

    private final WaveMembers members;

    private final WaveCutover cutover;
    private final TargetTurns turns;
    private final MemberSignals signals = new MemberSignals(this::memberGone);
    private final FinalsAhead finals;
    private final PrepareAsk prepare;
    private final int completedRuns;
    private final long continueAsNewAfterEvents;
    private boolean aborted;
    /** Why the last cutover signal was refused (a signal cannot answer), or null. */
    private String signalRefusal;

    @WorkflowInit
    public WaveWorkflowImpl(WaveSpec spec, WaveState carried) {
        WaveState state = carried == null ? WaveState.first(WaveState.CONTINUE_AS_NEW_AFTER_EVENTS) : carried;
        this.spec = spec;
        this.cutover = new WaveCutover(state.cutover(), state.cutoverRequestedMillis());
        this.aborted = state.aborted();
        this.signalRefusal = state.signalRefusal();
        this.completedRuns = state.completedRuns();
        this.continueAsNewAfterEvents = state.continueAsNewAfterEvents();
        Map<String, String> targets = new LinkedHashMap<>();
        Map<String, Integer> limits = new LinkedHashMap<>();
        this.violations = WaveSpecs.validate(spec);
        List<CampaignSpec> memberSpecs = violations.isEmpty() ? WaveSpecs.members(spec) : List.of();
        for (CampaignSpec member : memberSpecs) {
            targets.put(member.campaignId(), member.target().instanceId());
            if (member.target().limitsJobs()) {
                limits.put(member.target().instanceId(), member.target().maxRunningJobs());
            }
        }
        this.members = new WaveMembers(memberSpecs, state.members());
        this.turns = new TargetTurns(targets, limits, state.turns());
        this.finals = new FinalsAhead(turns);
        this.prepare = new PrepareAsk(members, cutover, signals, this::publish, this::memberGone);
    }

    @Override
    public WaveReport run(WaveSpec spec, WaveState carried) {
        boolean continues = Workflow.getVersion(CONTINUE_AS_NEW, Workflow.DEFAULT_VERSION, 1) >= 1;
        if (!violations.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    InvalidSpecException.describe(violations),
                    INVALID_SPEC,
                    violations.stream().map(SpecViolation::toString).toList());
        }
        publish();
        if (completedRuns == 0) {
            startMembers();
        }
        while (!members.allEnded()) {
            Workflow.await(() ->
                    members.allEnded() || cutover.commitDue(members.all()) || (continues && continueAsNewReady()));
            if (cutover.commitDue(members.all())) {
                cutover.commit();
                finals.create(members.all());
                toEveryMember(member -> Async.procedure(member::commit));
            } else if (!members.allEnded() && continues && continueAsNewReady()) {
                Workflow.continueAsNew(spec, carry());
            }
        }
        publish();
        if (continues) {
            // The last grants and commits reach the members before the wave's run closes.
            Workflow.await(signals::delivered);
        }
        return report();
    }

    /** Starts every member campaign as a child workflow; its result is its end, in this run. */
    private void startMembers() {
        for (CampaignSpec member : WaveSpecs.members(spec)) {
            CampaignWorkflow child = Workflow.newChildWorkflowStub(
                    CampaignWorkflow.class,
                    ChildWorkflowOptions.newBuilder()
                            .setWorkflowId(member.campaignId())
                            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                            .setPriority(WavePriorities.MEMBERS)
                            .build());
            Promise<CampaignReport> result = Async.function(child::run, member, null);
            String id = member.campaignId();
            result.handle((report, failure) -> ended(id, report, failure));
            Workflow.getWorkflowExecution(child).get();
        }
    }

    /**
     * Whether the run's history is long enough to go on as a new run, and nothing would be lost by
     * it: no handler half-way (the cutover's answer waits for the members), no signal in flight.
     */
    private boolean continueAsNewReady() {
        WorkflowInfo info = Workflow.getInfo();
        boolean due = info.isContinueAsNewSuggested() || info.getHistoryLength() >= continueAsNewAfterEvents;
        return due && Workflow.isEveryHandlerFinished() && signals.delivered() && prepare.idle();
    }

    private WaveState carry() {
        return new WaveState(
                members.list(),
                cutover.state(),
                cutover.requestedAtMillis(),
                aborted,
                signalRefusal,
                turns.carry(),
                completedRuns + 1,
                continueAsNewAfterEvents);
    }

    /** A member whose workflow no signal reaches: it ended without telling, and its turns are free. */
    private void memberGone(String campaignId) {
        if (Workflow.getVersion(MEMBERS_GONE, Workflow.DEFAULT_VERSION, 1) >= 1 && members.gone(campaignId)) {
            grant(turns.ended(campaignId));
            publish();
        }
    }

    /** A member's end from its campaign's result: its turns are free. */
    private CampaignReport ended(String campaignId, CampaignReport report, RuntimeException failure) {
        members.ended(campaignId, report, failure);
        grant(turns.ended(campaignId));
        return report;
    }

    private WaveReport report() {
        long lastOnline = members.lastOnlineMillis();
        long requested = cutover.requestedAtMillis();
        return new WaveReport(
                spec.waveId(),
                phase(),
                members.list(),
                requested,
                lastOnline,
                lastOnline > 0 && requested > 0 ? lastOnline - requested : -1);
    }

    private void publish() {
        Workflow.setCurrentDetails(WaveSummary.markdown(
                spec.waveId(), phase(), cutover.requestedAtMillis(), signalRefusal, turns.describe(), members.all()));
    }

    // ---- Handlers: they only set state and fan out ----------------------------------------

    @Override
    public void memberChanged(MemberReport report) {
        if (!members.changed(report)) {
            return;
        }
        if (report.ended()) {
            grant(turns.ended(report.campaignId()));
        }
        publish();
    }

    @Override
    public void jobTurnWanted(JobTurn turn) {
        if (turn != null && turn.campaignId() != null) {
            grant(turns.wanted(turn));
            publish();
        }
    }

    @Override
    public void jobTurnDone(JobTurn turn) {
        if (turn != null && turn.campaignId() != null) {
            grant(turns.done(turn));
            publish();
        }
    }

    private void grant(List<JobTurn> given) {
        for (JobTurn turn : given) {
            if (members.running(turn.campaignId())) {
                signals.send(turn.campaignId(), campaign -> Async.procedure(campaign::jobTurn, turn));
            }
        }
    }

    @Override
    public WaveStatus requestCutover(WaveCutoverRequest request) {
        prepare.start(request);
        // The answer waits until every member has taken the request (or refused it): once it
        // returns, the operator may take the tail-log backups, and no member can see its final
        // before it knows it is the final.
        Workflow.await(MEMBERS_ANSWER, members::allAnswered);
        return status();
    }

    @Override
    public void cutover(WaveCutoverRequest request) {
        Optional<String> unreadable = UnreadablePayloads.why(request);
        if (unreadable.isPresent()) {
            signalRefusal = "cutover signal rejected: its payload could not be read (" + unreadable.get() + "); send "
                    + CUTOVER_PAYLOAD;
            publish();
            return;
        }
        Optional<String> refusal = rejection(request);
        if (refusal.isPresent()) {
            signalRefusal = "cutover signal rejected: " + refusal.get();
            publish();
            return;
        }
        signalRefusal = null;
        prepare.start(request);
        publish();
    }

    @Override
    public void validateCutover(WaveCutoverRequest request) {
        UnreadablePayloads.why(request).ifPresent(why -> {
            throw new IllegalArgumentException("the request could not be read (" + why + "); send " + CUTOVER_PAYLOAD);
        });
        rejection(request).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    /** Why the wave cannot take the cutover now, member by member, or empty. */
    private Optional<String> rejection(WaveCutoverRequest request) {
        if (aborted) {
            return Optional.of("the wave is aborted");
        }
        return cutover.rejection(members.byCampaign(), members.named(request));
    }

    @Override
    public void cancelCutover() {
        cutover.cancel();
        // A member that refused the request has nothing to cancel: told to, it would show the
        // cancel refused. (Waves that began before tell every member.)
        Set<String> refused = prepare.byUpdate() ? members.refusers() : Set.of();
        members.forgetRefusals();
        for (MemberReport member : members.all()) {
            if (!member.ended() && !refused.contains(member.campaignId())) {
                signals.send(member.campaignId(), campaign -> Async.procedure(campaign::cancelCutoverSignal));
            }
        }
    }

    @Override
    public void validateCancelCutover() {
        cutover.cancelRejection().ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    @Override
    public void pause() {
        toEveryMember(member -> Async.procedure(member::pause));
    }

    @Override
    public void resume() {
        toEveryMember(member -> Async.procedure(member::resume));
    }

    @Override
    public void abort(AbortRequest request) {
        Optional<String> unreadable = UnreadablePayloads.why(request);
        if (unreadable.isPresent()) {
            signalRefusal = "abort signal ignored: its payload could not be read (" + unreadable.get()
                    + "); send {\"reason\": \"why\"}";
            publish();
            return;
        }
        aborted = true;
        // A lambda, not a method reference, as it always was: it runs in a workflow thread of its own,
        // and recorded waves replay with their signals in that order.
        toEveryMember(member -> Async.procedure(() -> member.abort(request)));
    }

    @Override
    public WaveStatus status() {
        List<String> blocking = new ArrayList<>();
        if (signalRefusal != null) {
            blocking.add(signalRefusal);
        }
        blocking.addAll(members.blocking());
        return new WaveStatus(
                spec.waveId(),
                phase(),
                members.list(),
                cutover.requestedAtMillis(),
                blocking,
                turns.describe(),
                completedRuns + 1);
    }

    private WavePhase phase() {
        return members.phase(cutover.state());
    }

    /** Signals every member still running: a member that ended cannot take it. */
    private void toEveryMember(Function<CampaignWorkflow, Promise<Void>> signal) {
        for (MemberReport member : members.all()) {
            if (!member.ended()) {
                signals.send(member.campaignId(), signal);
            }
        }
    }
}
