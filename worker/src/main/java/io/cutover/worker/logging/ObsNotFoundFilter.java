package io.cutover.worker.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the OBS SDK's warnings about a 404: the worker asks whether an object is there (a staged
 * copy, a ledger part) by reading it, and "not there" is an answer it expects. The SDK warns of
 * every such read, twice, about 2,000 lines in a benchmark run of waves, which an operator would
 * read as trouble. Every other OBS warning (403, 5xx, timeouts) is still logged; a missing bucket
 * also shows as the campaign's own alarm.
 */
public final class ObsNotFoundFilter extends Filter<ILoggingEvent> {

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!event.getLoggerName().startsWith("com.obs.")) {
            return FilterReply.NEUTRAL;
        }
        String message = event.getFormattedMessage();
        if (message != null && (message.contains("|404|") || message.contains("Response code: 404"))) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
