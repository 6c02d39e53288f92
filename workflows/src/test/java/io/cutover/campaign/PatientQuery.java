package io.cutover.campaign;

import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowQueryRejectedException;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A query that goes on through the failures a test injects on purpose. While a workflow task is
 * failing (a worker "lost" mid-task, an interceptor that throws), a query sent to that workflow
 * fails with the task's error; on a busy machine the query can also land in the moment between
 * the failed task and its retry. Neither says anything about the campaign, so the query is asked
 * again until it answers or the bound runs out, and only then does the last failure end the test.
 */
public final class PatientQuery {

    /** How long a query keeps being retried: far more than a failed task takes to be retried. */
    public static final Duration BOUND = Duration.ofSeconds(30);

    private static final long PAUSE_MILLIS = 50;

    private PatientQuery() {}

    public static <T> T ask(Supplier<T> query) {
        return ask(query, BOUND);
    }

    static <T> T ask(Supplier<T> query, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            try {
                return query.get();
            } catch (WorkflowQueryRejectedException rejected) {
                throw rejected;
            } catch (WorkflowQueryException | WorkflowServiceException failed) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the query kept failing for " + bound.toMillis() + " ms", failed);
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while retrying a query", e);
        }
    }
}
