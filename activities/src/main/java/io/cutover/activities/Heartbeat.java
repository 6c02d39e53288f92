package io.cutover.activities;

import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beats for an activity whose work is one blocking call without progress (a server-side copy, a
 * DRS call with its own retries, a long listing), so that a worker that dies mid-call is noticed
 * within the activity's heartbeat timeout instead of after its whole start-to-close timeout.
 * Local activities cannot heartbeat: for them this does nothing.
 */
final class Heartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    /** The SDK throttles heartbeats to the server; beating often only keeps them fresh. */
    static final Duration EVERY = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer;

    private Heartbeat(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Beats once now, then every {@link #period}, each beat carrying {@code details.get()} (the
     * details a retry of the activity will read back), until closed.
     */
    static Heartbeat start(ActivityExecutionContext context, String what, Supplier<?> details) {
        if (context.getInfo().isLocal()) {
            return new Heartbeat(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat " + what);
            thread.setDaemon(true);
            return thread;
        });
        // The first beat is sent before the call starts, on the caller's thread, so that even a
        // call that returns at once has told the server that this worker holds the attempt.
        beat(context, details);
        long every = period(context.getInfo().getHeartbeatTimeout()).toMillis();
        timer.scheduleAtFixedRate(() -> beat(context, details), every, every, TimeUnit.MILLISECONDS);
        return new Heartbeat(timer);
    }

    /** Every {@link #EVERY}, or a third of a shorter heartbeat timeout, so that no beat comes late. */
    static Duration period(Duration heartbeatTimeout) {
        if (heartbeatTimeout == null || heartbeatTimeout.isZero()) {
            return EVERY;
        }
        Duration third = heartbeatTimeout.dividedBy(3);
        return third.compareTo(EVERY) < 0 ? third : EVERY;
    }

    /**
     * A heartbeat that fails (the activity was cancelled or timed out) ends nothing by itself: the
     * call it beats for cannot be interrupted, and its result is simply not used.
     */
    private static void beat(ActivityExecutionContext context, Supplier<?> details) {
        try {
            context.heartbeat(details.get());
        } catch (RuntimeException e) {
            log.debug("heartbeat not delivered: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
