package io.cutover.campaign;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A polling activity the operator can interrupt: the bucket watch gives way to a pause or a
 * cutover, a job's wait to an abort. While it runs, the cutover's final-backup alarm still falls
 * due.
 */
final class InterruptibleWait {

    private final Cutover cutover;
    private final Runnable show;

    /** @param show publishes the campaign's state when the final-backup alarm is raised */
    InterruptibleWait(Cutover cutover, Runnable show) {
        this.cutover = cutover;
        this.show = show;
    }

    /**
     * Runs the activity in a cancellation scope and waits until it completes or the interruption
     * holds; then cancels it. Empty when interrupted; the activity's failure is rethrown.
     */
    <T> Optional<T> until(Supplier<Promise<T>> start, Supplier<Boolean> interrupted) {
        List<Promise<T>> started = new ArrayList<>(1);
        CancellationScope scope = Workflow.newCancellationScope(() -> {
            started.add(start.get());
        });
        scope.run();
        Promise<T> promise = started.get(0);
        cutover.await(() -> promise.isCompleted() || interrupted.get(), show);
        if (promise.isCompleted()) {
            return Optional.of(promise.get());
        }
        scope.cancel();
        return Optional.empty();
    }
}
