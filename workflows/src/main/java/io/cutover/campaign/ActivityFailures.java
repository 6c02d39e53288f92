package io.cutover.campaign;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;

/** How the campaign reads an activity's failure: what to tell the operator, and why it ended. */
final class ActivityFailures {

    private ActivityFailures() {}

    /**
     * Whether a polling activity gave up because its schedule-to-close window ran out: the server
     * then reports the last attempt's failure (STILL_RUNNING, NOTHING_NEW) with retry state
     * TIMEOUT, or a timeout failure when an attempt itself was cut off.
     */
    static boolean windowEnded(ActivityFailure failure) {
        return failure.getRetryState() == RetryState.RETRY_STATE_TIMEOUT
                || failure.getCause() instanceof TimeoutFailure;
    }

    /** The message of the failure's root cause, as the activity wrote it. */
    static String rootMessage(TemporalFailure failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
    }
}
