package io.cutover.wave;

import io.cutover.campaign.AbortRequest;
import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.CutoverRequest;
import io.cutover.campaign.Phase;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.InvalidSpecException;
import io.cutover.spec.SpecViolation;
import io.cutover.spec.WaveSpec;
import io.cutover.spec.WaveSpec.WaveMember;
import io.cutover.spec.WaveSpecs;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The wave as its runbook reads: validate, start every member campaign, let them catch up, cut
 * them over together (prepare all, then commit all, see {@link WaveCutover}), report.
 *
 * <p>Members are child workflows with the parent-close policy ABANDON: if the wave's workflow is
 * terminated (or fails), its members go on as the campaigns they are, each still driven by its own
 * operator actions; none is cancelled mid-restore by the loss of its wave. Members tell the wave
 * what changed ({@code memberChanged}); the wave cannot query them, so what it decides it decides
 * from those reports.
 */
public class WaveWorkflowImpl implements WaveWorkflow {

    /** ApplicationFailure type of a wave spec the workflow refuses to run. */
    public static final String INVALID_SPEC = "InvalidWaveSpec";

    /** How long the wave's cutover answer waits for every member to take the request. */
    static final Duration MEMBERS_ANSWER = Duration.ofSeconds(60);

    private final WaveSpec spec;
    /** Each member's last report, by campaign id, in the spec's order. */
    private final Map<String, MemberReport> members = new LinkedHashMap<>();
    /** Campaign ids by database (lower case). */
    private final Map<String, String> byDatabase = new LinkedHashMap<>();

    private final WaveCutover cutover = new WaveCutover();
    private boolean aborted;
    /** Why the last cutover signal was refused (a signal cannot answer), or null. */
    private String signalRefusal;

    @WorkflowInit
    public WaveWorkflowImpl(WaveSpec spec) {
        this.spec = spec;
        if (spec != null && spec.members() != null) {
            for (WaveMember member : spec.members()) {
                if (member != null && member.database() != null && spec.waveId() != null) {
                    String id = WaveSpecs.campaignId(spec.waveId(), member.database());
                    members.put(id, MemberReport.starting(id));
                    byDatabase.put(member.database().toLowerCase(Locale.ROOT), id);
                }
            }
        }
    }

    @Override
    public WaveReport run(WaveSpec spec) {
        List<SpecViolation> violations = WaveSpecs.validate(spec);
        if (!violations.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    InvalidSpecException.describe(violations),
                    INVALID_SPEC,
                    violations.stream().map(SpecViolation::toString).toList());
        }
        List<Promise<CampaignReport>> results = new ArrayList<>();
        publish();
        for (CampaignSpec member : WaveSpecs.members(spec)) {
            CampaignWorkflow child = Workflow.newChildWorkflowStub(
                    CampaignWorkflow.class,
                    ChildWorkflowOptions.newBuilder()
                            .setWorkflowId(member.campaignId())
                            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                            .build());
            Promise<CampaignReport> result = Async.function(child::run, member, null);
            String id = member.campaignId();
            results.add(result.handle((report, failure) -> ended(id, report, failure)));
            Workflow.getWorkflowExecution(child).get();
        }
        while (!allEnded()) {
            Workflow.await(() -> allEnded() || cutover.commitDue(members.values()));
            if (cutover.commitDue(members.values())) {
                cutover.commit();
                toEveryMember(member -> member::commit);
            }
        }
        publish();
        return report();
    }

    /**
     * A member's end, from its campaign's result (a member does not report its own end: the result
     * says it, with its online time); a member whose workflow failed or was terminated is ABORTED.
     */
    private CampaignReport ended(String campaignId, CampaignReport report, RuntimeException failure) {
        MemberReport last = members.get(campaignId);
        if (report != null) {
            members.put(
                    campaignId,
                    new MemberReport(
                            campaignId,
                            report.finalPhase(),
                            null,
                            last.finalChosen(),
                            null,
                            report.onlineMillis(),
                            report.downtimeMillis(),
                            last.cutoverAccepted()));
        } else {
            members.put(
                    campaignId,
                    new MemberReport(
                            campaignId,
                            Phase.ABORTED,
                            "its workflow ended: " + failure.getMessage(),
                            null,
                            null,
                            -1,
                            -1,
                            false));
        }
        return report;
    }

    private boolean allEnded() {
        return members.values().stream().allMatch(MemberReport::ended);
    }

    private WaveReport report() {
        long lastOnline = members.values().stream()
                .mapToLong(MemberReport::onlineMillis)
                .max()
                .orElse(-1);
        boolean allOnline = members.values().stream().allMatch(m -> m.onlineMillis() > 0);
        long requested = cutover.requestedAtMillis();
        return new WaveReport(
                spec.waveId(),
                phase(),
                List.copyOf(members.values()),
                requested,
                allOnline ? lastOnline : -1,
                allOnline && requested > 0 ? lastOnline - requested : -1);
    }

    /**
     * The Temporal UI's view of the wave: its phase and one line per member (phase, final held,
     * why blocked), refreshed with every member's news (current details: no history event).
     */
    private void publish() {
        StringBuilder md = new StringBuilder();
        md.append("## Wave `")
                .append(spec.waveId())
                .append("`: **")
                .append(phase())
                .append("**\n\n");
        if (cutover.requestedAtMillis() > 0) {
            md.append("- Cutover requested at ")
                    .append(Instant.ofEpochMilli(cutover.requestedAtMillis()))
                    .append(": no final goes out before every member holds its own\n");
        }
        if (signalRefusal != null) {
            md.append("- **").append(signalRefusal).append("**\n");
        }
        for (MemberReport member : members.values()) {
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
        Workflow.setCurrentDetails(md.toString());
    }

    // ---- Handlers: they only set state and fan out ----------------------------------------

    @Override
    public void memberChanged(MemberReport report) {
        if (members.containsKey(report.campaignId())) {
            members.put(report.campaignId(), report);
            publish();
        }
    }

    @Override
    public WaveStatus requestCutover(WaveCutoverRequest request) {
        startCutover(request);
        // The answer waits until every member has taken the request (or refused it): once it
        // returns, the operator may take the tail-log backups, and no member can see its final
        // before it knows it is the final.
        Workflow.await(
                MEMBERS_ANSWER,
                () -> members.values().stream()
                        .allMatch(m -> m.cutoverAccepted() || m.cutoverRefusal() != null || m.ended()));
        return status();
    }

    @Override
    public void cutover(WaveCutoverRequest request) {
        Optional<String> refusal = rejection(request);
        if (refusal.isPresent()) {
            signalRefusal = "cutover signal rejected: " + refusal.get();
            publish();
            return;
        }
        signalRefusal = null;
        startCutover(request);
        publish();
    }

    /** Asks every member to prepare: restore up to its final and hold it. */
    private void startCutover(WaveCutoverRequest request) {
        cutover.request();
        Map<String, String> finals = finalsByCampaign(request);
        for (String campaignId : members.keySet()) {
            CampaignWorkflow member = Workflow.newExternalWorkflowStub(CampaignWorkflow.class, campaignId);
            Async.procedure(member::cutover, new CutoverRequest(finals.get(campaignId), true));
        }
    }

    @Override
    public void validateCutover(WaveCutoverRequest request) {
        rejection(request).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    /** Why the wave cannot take the cutover now, member by member, or empty. */
    private Optional<String> rejection(WaveCutoverRequest request) {
        if (aborted) {
            return Optional.of("the wave is aborted");
        }
        Map<String, String> named = new LinkedHashMap<>();
        if (request != null && request.finals() != null) {
            request.finals()
                    .keySet()
                    .forEach(database -> named.put(database, byDatabase.get(database.toLowerCase(Locale.ROOT))));
        }
        return cutover.rejection(members, named);
    }

    @Override
    public void cancelCutover() {
        cutover.cancel();
        toEveryMember(member -> member::cancelCutoverSignal);
    }

    @Override
    public void validateCancelCutover() {
        cutover.cancelRejection().ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    @Override
    public void pause() {
        toEveryMember(member -> member::pause);
    }

    @Override
    public void resume() {
        toEveryMember(member -> member::resume);
    }

    @Override
    public void abort(AbortRequest request) {
        aborted = true;
        toEveryMember(member -> () -> member.abort(request));
    }

    @Override
    public WaveStatus status() {
        List<String> blocking = new ArrayList<>();
        if (signalRefusal != null) {
            blocking.add(signalRefusal);
        }
        members.values().stream()
                .filter(m -> m.phase() == Phase.BLOCKED || m.cutoverRefusal() != null)
                .map(m -> m.campaignId() + ": " + (m.phase() == Phase.BLOCKED ? m.blockedReason() : m.cutoverRefusal()))
                .forEach(blocking::add);
        return new WaveStatus(
                spec.waveId(), phase(), List.copyOf(members.values()), cutover.requestedAtMillis(), blocking);
    }

    private WavePhase phase() {
        if (allEnded()) {
            return members.values().stream().allMatch(m -> m.phase() == Phase.COMPLETED)
                    ? WavePhase.COMPLETED
                    : WavePhase.ABORTED;
        }
        if (members.values().stream().anyMatch(m -> m.phase() == Phase.BLOCKED)) {
            return WavePhase.BLOCKED;
        }
        return switch (cutover.state()) {
            case NONE -> WavePhase.CATCHING_UP;
            case PREPARING -> WavePhase.PREPARING;
            case COMMITTING -> WavePhase.COMMITTING;
        };
    }

    /** The named finals by campaign id; a member not named takes the next log backup. */
    private Map<String, String> finalsByCampaign(WaveCutoverRequest request) {
        Map<String, String> finals = new LinkedHashMap<>();
        if (request != null && request.finals() != null) {
            request.finals()
                    .forEach((database, finalBackup) ->
                            finals.put(byDatabase.get(database.toLowerCase(Locale.ROOT)), finalBackup));
        }
        return finals;
    }

    /**
     * Signals every member still running, without waiting for the deliveries: handlers stay short,
     * and a member that ended (completed or aborted) is not sent what it can no longer take.
     */
    private void toEveryMember(Function<CampaignWorkflow, Functions.Proc> signal) {
        for (MemberReport member : members.values()) {
            if (!member.ended()) {
                Async.procedure(
                        signal.apply(Workflow.newExternalWorkflowStub(CampaignWorkflow.class, member.campaignId())));
            }
        }
    }
}
