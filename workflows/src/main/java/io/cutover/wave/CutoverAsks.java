package io.cutover.wave;

import io.cutover.activity.MemberAnswer;
import io.cutover.activity.MemberAsk;
import io.cutover.activity.WaveActivities;
import io.cutover.campaign.CutoverRequest;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The wave's cutover request to its members, asked by update from one local activity, every
 * member at once: each answer (took it, refused it and why) comes back in the activity's result.
 *
 * <p>Before, the wave signalled each member and each answered with a signal: two events written
 * into the wave's own history per member, one after another, since a workflow's history takes one
 * write at a time. For 50 members that was most of the 2 to 3 seconds the operator waited for the
 * answer, and it delayed the finals by as much. Now each member's answer is written in its own
 * history only. A member the activity could not reach is asked by signal as before.
 */
final class CutoverAsks {

    /** The wave asks its members by update (before: by signal, each answering by signal). */
    static final String CHANGE = "wave-asks-by-update";

    /** Longer than the members' time to answer, so that the activity returns what it heard. */
    private static final Duration ASK_TIMEOUT = WaveWorkflowImpl.MEMBERS_ANSWER.plusSeconds(30);

    private static final Logger log = Workflow.getLogger(CutoverAsks.class);

    /**
     * Whether this wave asks by update (its members' refusals are then heard in their answers, and a
     * cancel spares them); waves that began before signal.
     */
    boolean byUpdate() {
        return Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    /**
     * Asks every member its part of the request ({@code collected}: telling each to hold its
     * PREPARED report for {@link PreparedCollection}); empty for a wave that began before asking so,
     * which signals. When the activity fails as a whole, every member is UNREACHED.
     */
    Optional<List<MemberAnswer>> ask(Map<String, CutoverRequest> requests, boolean collected) {
        if (!byUpdate()) {
            return Optional.empty();
        }
        List<MemberAsk> asks = asks(requests, collected);
        return Optional.of(
                answers(asks, members -> members.askMembers(asks, WaveWorkflowImpl.MEMBERS_ANSWER.toMillis())));
    }

    /**
     * Asks every member to take the request and to answer with its PREPARED report, in one update
     * ({@code wavePrepare}); the answers say who took it, and {@link PreparedCollection} waits for
     * the same updates' ends. Only for waves that ask by update and collect.
     */
    Asked askToPrepare(Map<String, CutoverRequest> requests) {
        List<MemberAsk> asks = asks(requests, true);
        return new Asked(
                asks,
                answers(
                        asks,
                        members -> members.askToPrepare(
                                asks,
                                PreparedCollection.WITHIN.toMillis(),
                                WaveWorkflowImpl.MEMBERS_ANSWER.toMillis())));
    }

    /** The asks made, and each member's answer, in the same order. */
    record Asked(List<MemberAsk> asks, List<MemberAnswer> answers) {}

    /**
     * One id per request and member, the same for a second attempt: a member that took the first is
     * answered again by the server, not asked twice.
     */
    private static List<MemberAsk> asks(Map<String, CutoverRequest> requests, boolean collected) {
        String request = Workflow.randomUUID().toString();
        return requests.entrySet().stream()
                .map(ask -> MemberAsk.cutover(
                        ask.getKey(), "wave-cutover-" + request + "-" + ask.getKey(), ask.getValue(), collected))
                .toList();
    }

    /** The answers from one local activity; when it fails as a whole, every member is UNREACHED. */
    private static List<MemberAnswer> answers(List<MemberAsk> asks, Function<WaveActivities, List<MemberAnswer>> ask) {
        WaveActivities members = Workflow.newLocalActivityStub(
                WaveActivities.class,
                LocalActivityOptions.newBuilder()
                        .setStartToCloseTimeout(ASK_TIMEOUT)
                        .setRetryOptions(
                                RetryOptions.newBuilder().setMaximumAttempts(2).build())
                        .setSummary("ask " + asks.size() + " members to take the cutover")
                        .build());
        try {
            return ask.apply(members);
        } catch (ActivityFailure e) {
            log.warn("the wave could not ask its members by update ({}): it signals them", e.getMessage());
            return asks.stream()
                    .map(one -> MemberAnswer.unreached(one.campaignId(), e.getMessage()))
                    .toList();
        }
    }
}
