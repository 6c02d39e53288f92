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
}
