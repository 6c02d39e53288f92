package io.cutover.worker.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.cutover.activity.BackupActivities;
import io.cutover.activity.DrsActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * Drops the SDK's warning for an activity attempt that failed only to say "not yet": the campaign
 * polls a running DRS job and an unchanged bucket by letting such attempts fail and retry, so each
 * poll of each campaign would otherwise log a warning with a stack trace, for weeks. Every other
 * activity failure is still logged.
 */
public final class ExpectedPollFailureFilter extends Filter<ILoggingEvent> {

    private static final List<String> POLL_TYPES = List.of(DrsActivities.STILL_RUNNING, BackupActivities.NOTHING_NEW);

    @Override
    public FilterReply decide(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null
                || !ApplicationFailure.class.getName().equals(thrown.getClassName())
                || thrown.getMessage() == null) {
            return FilterReply.NEUTRAL;
        }
        // ApplicationFailure's message reads "message='...', type='<type>', nonRetryable=...".
        for (String type : POLL_TYPES) {
            if (thrown.getMessage().contains("type='" + type + "'")) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
