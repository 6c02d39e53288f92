package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.JobOutcome;
import io.cutover.activity.JobRequest;
import io.cutover.spec.Timing;
import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The submission reads its job back once (change id {@code submit-reads-job}): a job that has
 * already ended is recorded from that read without a polling activity, a job still running is
 * waited on as before, and a job DRS already failed blocks the campaign as a failed wait would.
 * Exactly one job per file holds when the worker is lost after the submission but before its
 * workflow task completed: the submission runs again and finds the job by its name.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubmitReadsJobTest {

    private static final long MINUTE = 60_000;
    private static final Duration STEP = Duration.ofMinutes(5);
    private static final String ID = "sales-quick";
    /** Polling path: discovery (3) + workflow task (3) + stage and submit markers (2) + wait (3) + its task (3) + upsert. */
    private static final int POLLING_EVENTS_PER_FILE = 15;

    /** Armed by the test that loses a worker: the workflow task of the second submission fails. */
    private final LoseTaskAfterSubmission lose = new LoseTaskAfterSubmission(2);

    @RegisterExtension
    final CampaignTestEnvironment test = new CampaignTestEnvironment(lose);

    private String full;

    private List<String> uploadFullAndLogs(int logs, long everyMillis) {
        full = test.bucket.upload(
                FakeBucket.key("FULL", test.startMillis - 60 * MINUTE), test.startMillis - 60 * MINUTE);
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= logs; i++) {
            keys.add(test.bucket.uploadLog(test.startMillis + i * everyMillis));
        }
        return keys;
    }

    private CampaignReport runToCutover(List<String> logs) {
        CampaignWorkflow campaign =
                test.start(TestCampaigns.fullAndIncremental(ID, full, new Timing(60, 30, 1800, 1000, 1)), null);
        test.awaitStatus(ID, s -> s.appliedCount() >= logs.size() - 1, STEP, 200);
        campaign.requestCutover(new CutoverRequest(logs.get(logs.size() - 1)));
        return test.result(ID);
    }

    @Test
    void aJobThatHasEndedWhenSubmittedIsRecordedWithoutAPollingActivity() {
        test.drs.restoreTime(Duration.ZERO);
        List<String> logs = uploadFullAndLogs(12, 10 * MINUTE);

        CampaignReport report = runToCutover(logs);

        assertEquals(Phase.COMPLETED, report.finalPhase());
        List<JobRequest> creates = test.drs.creates();
        assertEquals(logs.size() + 1, creates.size(), "one job per file");
        assertTrue(
                report.backups().stream().allMatch(b -> b.outcome() == Outcome.SUCCESS),
                report.backups().toString());
        List<WorkflowExecutionHistory> runs = test.histories(ID);
        assertEquals(
                0,
                HistoryCounts.scheduled(runs, "AwaitJob"),
                "no job was waited on: each had ended when its submission read it");
        assertEquals(creates.size(), HistoryCounts.localActivities(runs, "SubmitJobAndRead"));
        double perFile = HistoryCounts.eventsPerFile(runs).getAverage();
        System.out.printf(
                "job ended at submit: %.2f events per log backup (polling path: %d)%n",
                perFile, POLLING_EVENTS_PER_FILE);
        // Discovery (3) and its workflow task (3), stage and submit markers (2), the upsert: 9 (fewer
        // where one discovery found several files); the run's version marker adds one to a file.
        assertTrue(perFile < POLLING_EVENTS_PER_FILE - 5.5, "events per file: " + perFile);
    }

    @Test
    void aJobStillRunningWhenSubmittedIsWaitedOnAsBefore() {
        test.drs.restoreTime(Duration.ofMinutes(2));
        List<String> logs = uploadFullAndLogs(4, 10 * MINUTE);

        CampaignReport report = runToCutover(logs);

        assertEquals(Phase.COMPLETED, report.finalPhase());
        assertEquals(logs.size() + 1, test.drs.creates().size());
        assertEquals(test.drs.creates().size(), test.drs.submitReads(), "every submission read its job once");
        assertEquals(
                test.drs.creates().size(),
                HistoryCounts.scheduled(test.histories(ID), "AwaitJob"),
                "each job was still running when read, so each was waited on by the polling activity");
    }

    @Test
    void aJobThatHasFailedWhenSubmittedBlocksTheCampaignAndNothingFollows() {
        test.drs.restoreTime(Duration.ZERO).endJob(3, JobOutcome.State.FAILED);
        List<String> logs = uploadFullAndLogs(4, 10 * MINUTE);
        CampaignWorkflow campaign = test.start(TestCampaigns.fullAndIncremental(ID, full), null);

        CampaignStatus blocked = test.awaitStatus(ID, s -> s.phase() == Phase.BLOCKED, STEP, 40);
        assertTrue(
                blocked.blockedReason().startsWith("FAILED")
                        && blocked.blockedReason().contains("LSN gap"),
                "the error_log read at submission is shown: " + blocked.blockedReason());
        test.env.sleep(Duration.ofHours(1));
        assertEquals(3, test.drs.creates().size(), "nothing submitted after the failed job");

        campaign.retry();
        test.awaitStatus(ID, s -> s.appliedCount() >= logs.size(), STEP, 100);
        String last = test.bucket.uploadLog(test.env.currentTimeMillis());
        campaign.requestCutover(new CutoverRequest(last));
        CampaignReport report = test.result(ID);

        List<JobRequest> creates = test.drs.creates();
        assertEquals(logs.size() + 3, creates.size(), "full + logs + the retry of the failed one + the final");
        assertEquals(creates.get(2).fileName(), creates.get(3).fileName(), "the retry submits the same file");
        assertTrue(report.backups().stream()
                .anyMatch(b -> b.outcome() == Outcome.FAILED && b.jobId().equals("job-3")));
        assertEquals(0, HistoryCounts.scheduled(test.histories(ID), "AwaitJob"));
    }

    @Test
    void aWorkerLostAfterTheSubmissionReturnedFindsTheJobByNameInsteadOfCreatingASecond() {
        test.drs.restoreTime(Duration.ZERO);
        lose.arm();
        List<String> logs = uploadFullAndLogs(3, 10 * MINUTE);

        CampaignReport report = runToCutover(logs);

        assertEquals(1, lose.lost(), "the workflow task of the second submission was lost once");
        List<JobRequest> creates = test.drs.creates();
        assertEquals(logs.size() + 1, creates.size(), "full + logs, none created twice");
        assertEquals(
                creates.size(),
                new HashSet<>(creates.stream().map(JobRequest::name).toList()).size());
        assertEquals(creates.size() + 1, test.drs.submitReads(), "the lost submission ran again and adopted its job");
        assertEquals(
                2,
                test.bucket.stageRequests().stream()
                        .filter(r -> r.file().key().equals(logs.get(0)))
                        .count(),
                "its staging ran again too: the markers of the lost task were never recorded");
        assertEquals("job-2", report.backups().get(1).jobId());
        assertEquals(Phase.COMPLETED, report.finalPhase());
        assertTrue(
                test.histories(ID).stream()
                        .flatMap(run -> run.getEvents().stream())
                        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED),
                "the lost task is in the history");
    }

    /**
     * Fails the workflow task once, right after the n-th submission returned to the workflow and
     * before the task completed: the worker is then lost at the worst moment for exactly-once (the
     * job exists, its marker was never recorded). The task is retried from the last completed one.
     */
    static final class LoseTaskAfterSubmission extends WorkerInterceptorBase {
        private final int submission;
        private final AtomicInteger submissions = new AtomicInteger();
        private final AtomicInteger lost = new AtomicInteger();
        private volatile boolean armed;

        LoseTaskAfterSubmission(int submission) {
            this.submission = submission;
        }

        void arm() {
            armed = true;
        }

        int lost() {
            return lost.get();
        }

        @Override
        public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
            return new WorkflowInboundCallsInterceptorBase(next) {
                @Override
                public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
                    super.init(new WorkflowOutboundCallsInterceptorBase(outboundCalls) {
                        @Override
                        public <R> LocalActivityOutput<R> executeLocalActivity(LocalActivityInput<R> input) {
                            LocalActivityOutput<R> output = super.executeLocalActivity(input);
                            // Only submissions made now count: a replay (after the workflow left the worker's
                            // cache, which a busy machine makes likely) runs through the recorded ones again.
                            if (armed
                                    && !Workflow.isReplaying()
                                    && input.getActivityName().equals("SubmitJobAndRead")) {
                                output.getResult().get();
                                if (submissions.incrementAndGet() == submission && lost.compareAndSet(0, 1)) {
                                    throw new Error("worker lost after submission " + submission);
                                }
                            }
                            return output;
                        }
                    });
                }
            };
        }
    }
}
