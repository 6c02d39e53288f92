package io.cutover.wave;

import io.cutover.activity.DrsActivities;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * The commit's finals, created by the wave itself before it signals its members to commit: one
 * local activity submits them several at a time, so that they go out within a fraction of a second
 * of each other, not at the pace at which the server hands each member its commit signal and then
 * its workflow task (seconds apart for 50 members).
 *
 * <p>Each member's commit then submits its final as it always has, finds the job by its name and
 * adopts it: the find-by-name-else-create that guards against lost answers makes the final once,
 * whoever gets there first. The members' signals are sent only once the activity has returned, and
 * it returns only once every create has ended, so no member looks for its final while the wave's
 * create of it is still on its way. Members whose target bounds its running jobs take their turns
 * and create their own, as do members that did not send their final's request (they began before
 * it was sent, or staging it failed) and any whose create failed here.
 */
final class FinalsAhead {

    /** The wave creates its members' finals at the commit (before: each member created its own). */
    static final String CHANGE = "wave-creates-finals";

    /**
     * Long enough for every create to end on its own (the DRS client bounds its retries), and one
     * attempt only: a second attempt must never run beside a first still sending creates.
     */
    static final Duration CREATES_TIMEOUT = Duration.ofMinutes(10);

    private static final Logger log = Workflow.getLogger(FinalsAhead.class);

    private final TargetTurns turns;

    FinalsAhead(TargetTurns turns) {
        this.turns = turns;
    }

    /** Creates the held finals of the members it may create them for; each member creates the rest. */
    void create(Collection<MemberReport> members) {
        if (Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) < 1) {
            return;
        }
        List<MemberReport> ahead = members.stream()
                .filter(member -> member.finalJob() != null && !turns.bounds(member.campaignId()))
                .toList();
        if (ahead.isEmpty()) {
            return;
        }
        DrsActivities drs = Workflow.newLocalActivityStub(
                DrsActivities.class,
                LocalActivityOptions.newBuilder()
                        .setStartToCloseTimeout(CREATES_TIMEOUT)
                        .setRetryOptions(
                                RetryOptions.newBuilder().setMaximumAttempts(1).build())
                        .setSummary("create the finals of " + ahead.size() + " members")
                        .build());
        try {
            List<String> ids =
                    drs.submitJobs(ahead.stream().map(MemberReport::finalJob).toList());
            long made = ids.stream().filter(Objects::nonNull).count();
            log.info(
                    "the wave submitted {} of {} finals at once; the members submit the rest themselves",
                    made,
                    ahead.size());
        } catch (ActivityFailure e) {
            log.warn("the wave could not submit its members' finals ({}): each member submits its own", e.getMessage());
        }
    }
}
