package io.cutover.activities;

import io.cutover.activity.JobRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Several submissions run a few at a time, answered in the order asked. The call returns only once
 * every submission has ended: a caller that moves on (a wave signalling its members to submit
 * their own) must never race a create still on its way.
 */
final class SubmissionsTogether {

    private SubmissionsTogether() {}

    /**
     * @param submitOne one submission: its job id, or null when it failed (it must not throw)
     * @return each request's answer, in order
     */
    static List<String> submit(List<JobRequest> requests, int atOnce, Function<JobRequest, String> submitOne) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(atOnce, requests.size())));
        try {
            List<Future<String>> submissions = new ArrayList<>();
            for (JobRequest request : requests) {
                submissions.add(pool.submit(() -> submitOne.apply(request)));
            }
            List<String> jobIds = new ArrayList<>();
            for (Future<String> submission : submissions) {
                jobIds.add(submission.get());
            }
            return jobIds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure(
                    "interrupted while submitting jobs together", DrsActivitiesImpl.UNAVAILABLE);
        } catch (ExecutionException e) {
            throw ApplicationFailure.newFailure("a submission failed: " + e.getCause(), DrsActivitiesImpl.UNAVAILABLE);
        } finally {
            // Every submission has ended by now (each was waited for), unless this thread was
            // interrupted: the ones still running are then interrupted too.
            pool.shutdownNow();
        }
    }
}
