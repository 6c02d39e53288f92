package io.cutover.wave;

import io.cutover.activity.MemberAnswer;
import io.cutover.activity.MemberAsk;
import io.cutover.activity.WaveActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The members' PREPARED reports, collected by update rather than signalled: right after the
 * members took the request, one activity asks each member's {@code wavePrepared} update, which
 * answers once the member holds its final (or at most {@link #WITHIN} later), and returns every
 * answer at once.
 *
 * <p>Why: 50 members holding their finals within the same second signalled 50 reports into the
 * wave's history, which takes one write at a time: 0.6 to 0.9 s on Temporal with PostgreSQL before
 * the wave could commit. Collected, each answer is written in its member's history only, and the
 * wave's takes one event for all of them.
 *
 * <p>A member not prepared within {@link #WITHIN} of the collection's ask, or never asked (the
 * activity could not reach it), signals its report as before; so does every member of a wave that
 * began before. An answer that comes after a newer report of the same member was heard is older
 * by the member's own order and changes nothing ({@link MemberReport#sequence()}).
 */
public final class PreparedCollection {

    /** The wave collects its members' PREPARED reports (before: each member signalled its own). */
    static final String CHANGE = "wave-collects-prepared";

    /** The wave asks and collects in one update per member (before: two, see {@link #inOneUpdate}). */
    static final String IN_ONE_UPDATE = "wave-prepares-in-one-update";

    /**
     * How long a member's collecting update waits for it to hold its final, and how long a member
     * holds a PREPARED report for a collection that has not come: the time in which a DBA's script
     * uploads every tail-log backup; later finals are reported by signal.
     */
    public static final Duration WITHIN = Duration.ofSeconds(10);

    /** Each attempt's deadline: every member's wait, and the calls around it. */
    private static final Duration ATTEMPT = WITHIN.plusSeconds(30);

    private final WaveActivities members = Workflow.newActivityStub(
            WaveActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(ATTEMPT)
                    .setHeartbeatTimeout(Duration.ofSeconds(10))
                    // Until it answers: a member whose PREPARED report was collected by an attempt
                    // whose answer was lost is answered the same by the next (the same update id),
                    // and the wave cannot commit without it.
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setMaximumInterval(Duration.ofSeconds(10))
                            .setMaximumAttempts(0)
                            .build())
                    .setSummary("collect the members' PREPARED reports")
                    .build());

    private int pending;

    /** Whether this wave collects (asked before its members are asked, who hold their reports for it). */
    boolean adopted() {
        return Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    /**
     * Collects the reports of the members that took the request by update (from the ask's
     * answers), under update ids of this collection; {@code heard} takes every answer once the
     * activity returns.
     */
    void collect(List<MemberAnswer> answered, Consumer<List<MemberAnswer>> heard) {
        List<String> campaignIds = answered.stream()
                .filter(answer -> answer.outcome() == MemberAnswer.Outcome.TOOK)
                .map(MemberAnswer::campaignId)
                .toList();
        if (campaignIds.isEmpty()) {
            return;
        }
        String collection = Workflow.randomUUID().toString();
        List<MemberAsk> asks = campaignIds.stream()
                .map(id -> MemberAsk.collect(id, "wave-prepared-" + collection + "-" + id))
                .toList();
        hear(Async.function(members::collectPrepared, asks, WITHIN.toMillis()), heard);
    }

    /**
     * Whether this wave asks and collects in one update per member ({@code wavePrepare}, see {@link
     * CutoverAsks#askToPrepare}); before, the collection asked a second update of each member once
     * every member had taken the first, and each member waited for it before it watched.
     */
    boolean inOneUpdate() {
        return Workflow.getVersion(IN_ONE_UPDATE, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    /** Waits for the end of the updates that the members took (from the ask's answers). */
    void awaitPrepared(CutoverAsks.Asked asked, Consumer<List<MemberAnswer>> heard) {
        List<MemberAsk> took = new ArrayList<>();
        for (int i = 0; i < asked.asks().size(); i++) {
            if (asked.answers().get(i).outcome() == MemberAnswer.Outcome.TOOK) {
                took.add(asked.asks().get(i));
            }
        }
        if (!took.isEmpty()) {
            hear(Async.function(members::awaitPrepared, took, WITHIN.toMillis()), heard);
        }
    }

    private void hear(Promise<List<MemberAnswer>> collecting, Consumer<List<MemberAnswer>> heard) {
        pending++;
        collecting.handle((answers, failure) -> {
            // It retries without limit, so it answers; the count is kept right whatever happens,
            // so that a failure could never keep the wave from continuing as new.
            pending--;
            if (answers != null) {
                heard.accept(answers);
            }
            return null;
        });
    }

    /** Whether no collection is under way (the wave may continue as new). */
    boolean idle() {
        return pending == 0;
    }
}
