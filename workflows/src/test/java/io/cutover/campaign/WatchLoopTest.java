package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.Timing;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The watch loop: prompt reaction to the operator, the accepted plan, bounded runs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WatchLoopTest {

    private static final long MINUTE = 60_000;
    private static final String ID = "sales-watch";

    @RegisterExtension
    final CampaignTestEnvironment test = new CampaignTestEnvironment();

    private String uploadFull() {
        return test.bucket.upload(
                FakeBucket.key("FULL", test.startMillis - 60 * MINUTE), test.startMillis - 60 * MINUTE);
    }

    @Test
    void aCutoverStartsAFreshListingAtOnceInsteadOfWaitingOutALongPoll() {
        String full = uploadFull();
        test.bucket.uploadLog(test.startMillis + 10 * MINUTE);
        Timing hourlyPolls = new Timing(3600, 0, 7200, 1000, 1);
        CampaignWorkflow campaign = test.start(TestCampaigns.fullAndIncremental(ID, full, hourlyPolls), null);
        test.awaitStatus(ID, s -> s.appliedCount() == 1, Duration.ofMinutes(10), 40);
        // The discovery activity has just failed with NOTHING_NEW and waits an hour before listing
        // again; the operator uploads the tail-log backup and cuts over now.
        test.env.sleep(Duration.ofMinutes(5));
        String tail = test.bucket.uploadLog(test.env.currentTimeMillis());
        long requested = test.env.currentTimeMillis();
        CutoverPlan plan = campaign.requestCutover(new CutoverRequest(tail));

        assertTrue(plan.waitingForFinal(), "the tail was not discovered yet");
        assertEquals(tail, plan.finalBackup());
        test.awaitStatus(ID, s -> s.phase() == Phase.COMPLETED, Duration.ofMinutes(1), 120);
        CampaignReport report = test.result(ID);
        long submittedAfter = report.backups().get(report.backups().size() - 1).startedMillis() - requested;
        assertTrue(
                submittedAfter < 10 * MINUTE,
                "final submitted " + submittedAfter / 1000 + " s after the request, not after the hourly poll");
    }

    @Test
    void thePlanListsThePendingFilesBeforeTheFinalOne() {
        String full = uploadFull();
        List<String> logs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            logs.add(test.bucket.uploadLog(test.startMillis - 50 * MINUTE + i * MINUTE));
        }
        test.drs.restoreTime(Duration.ofMinutes(30));
        CampaignWorkflow campaign = test.start(TestCampaigns.fullAndIncremental(ID, full), null);
        CampaignStatus status = test.awaitStatus(
                ID, s -> s.inFlight() != null && s.inFlight().equals(logs.get(0)), Duration.ofMinutes(5), 40);
        assertEquals(logs.subList(1, 5), status.pending());

        CutoverPlan plan = campaign.requestCutover(new CutoverRequest(logs.get(3)));

        assertEquals(logs.subList(1, 3), plan.remaining());
        assertEquals(logs.get(3), plan.finalBackup());
        assertFalse(plan.waitingForFinal());
        test.awaitStatus(ID, s -> s.phase() == Phase.COMPLETED, Duration.ofMinutes(10), 60);
        CampaignReport report = test.result(ID);
        assertTrue(
                report.backups().stream()
                        .anyMatch(b -> b.key().equals(logs.get(4)) && b.outcome() == Outcome.NOT_APPLIED),
                "the file after the final one is reported, not applied");
    }

    @Test
    void theEventThresholdInTheStateBoundsEveryRun() {
        String full = uploadFull();
        for (int i = 1; i <= 20; i++) {
            test.bucket.uploadLog(test.startMillis + i * 10 * MINUTE);
        }
        long threshold = 100;
        CampaignSpec spec = TestCampaigns.fullAndIncremental(ID, full);
        test.drs.whenJobFinishes(
                20,
                () -> test.campaign(ID)
                        .cutover(new CutoverRequest(FakeBucket.key("LOG", test.startMillis + 200 * MINUTE))));
        test.start(spec, CampaignState.start().withContinueAsNewAfterEvents(threshold));

        CampaignReport report = test.result(ID);

        assertEquals(Phase.COMPLETED, report.finalPhase());
        List<WorkflowExecutionHistory> runs = test.histories(ID);
        assertTrue(runs.size() >= 3, "runs: " + runs.size());
        for (WorkflowExecutionHistory run : runs) {
            // A run checks the threshold between files, so it may pass it by one file's events.
            assertTrue(
                    run.getEvents().size() <= threshold + 25,
                    "a run of " + run.getEvents().size() + " events");
        }
    }
}
