package io.cutover.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** What a wave asks of its members through the Temporal client rather than by signal. */
@ActivityInterface
public interface WaveActivities {

    /**
     * Asks every member, all at once, to take the wave's cutover (their {@code waveCutover}
     * update, each under the update id given, so that a second attempt is answered as the first);
     * returns one answer per ask, in order, once every member has answered or the time given is up.
     */
    @ActivityMethod
    List<MemberAnswer> askMembers(List<MemberAsk> asks, long answerWithinMillis);

    /**
     * Collects every member's PREPARED report at once (their {@code wavePrepared} update, each
     * under the update id given, which waits in the member at most {@code withinMillis}); returns
     * one answer per ask, in order, with the member's report then (TOOK), once every member has
     * answered. Beats while it waits.
     */
    @ActivityMethod
    List<MemberAnswer> collectPrepared(List<MemberAsk> asks, long withinMillis);

    /**
     * Asks every member, all at once, to take the wave's cutover and answer with its PREPARED
     * report (their {@code wavePrepare} update, each under the update id given, which waits in the
     * member at most {@code preparedWithinMillis}); returns one answer per ask, in order, once every
     * member has taken it (TOOK, without a report: it comes with the update's end, see {@link
     * #awaitPrepared}), refused it, or the time given is up.
     */
    @ActivityMethod
    List<MemberAnswer> askToPrepare(List<MemberAsk> asks, long preparedWithinMillis, long answerWithinMillis);

    /**
     * Waits for the end of every member's {@code wavePrepare} update asked by {@link #askToPrepare}
     * (by its id, without asking again); returns one answer per ask, in order, with the member's
     * report then (TOOK), once every update has ended. Beats while it waits.
     */
    @ActivityMethod
    List<MemberAnswer> awaitPrepared(List<MemberAsk> asks, long withinMillis);
}
