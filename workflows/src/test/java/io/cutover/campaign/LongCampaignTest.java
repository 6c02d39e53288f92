package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.JobRequest;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.Timing;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Long campaigns: history stays bounded in events (continue-as-new, at most 15 events per log
 * backup) and in size (the state carried from run to run does not grow with the files applied:
 * the ledger holds them). Prints the figures: events per file, each run's history, the largest
 * continue-as-new input, the wall time.
 */
class LongCampaignTest {

    private static final String ID = "sales-long";
    private static final long FOURTEEN_DAYS_MILLIS = 14L * 24 * 3600 * 1000;
    private static final int FILES_PER_RUN = 250;
    private static final int MAX_EVENTS_PER_FILE = 15;
    /** Run start, full restore, cutover, ledger and continue-as-new cost a few dozen events per run. */
    private static final int RUN_OVERHEAD_EVENTS = 80;
    /**
     * The carried state may not grow with the campaign. Before the ledger it was 544 KB after
     * 2,000 files (the real server warns at 512 KB and refuses 2 MB); now it is a few KB, and the
     * bound leaves room for a full pending batch, reports and alarms.
     */
    private static final long MAX_CONTINUE_AS_NEW_INPUT_BYTES = 256 * 1024;
    /**
     * How much the carried state may differ between runs: a pending batch, reports and alarms come
     * and go, but nothing may accumulate. State that grew with the files applied (about 270 bytes a
     * file before the ledger) would add some 67 KB a run of 250 files.
     */
    private static final long MAX_STATE_GROWTH_BYTES = 16 * 1024;

    @RegisterExtension
    final CampaignTestEnvironment test = new CampaignTestEnvironment();

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aFourteenDayCampaignOfTwoThousandLogBackupsStaysBoundedAtFifteenEventsPerFile() {
        // Still running when the submission reads it, so every job is waited on by a polling
        // activity; a short restore keeps that wait to three reads (each a real activity task of
        // the test server, even with time skipping: two-minute restores took 19 reads each, and
        // this test over three minutes of a busy machine).
        test.drs.restoreTime(Duration.ofSeconds(2));
        List<WorkflowExecutionHistory> runs = runCampaign(2_000, FOURTEEN_DAYS_MILLIS / 2_000);

        double perFile = eventsPerFile(runs);
        assertTrue(perFile <= MAX_EVENTS_PER_FILE, "events per file: " + perFile);
        assertTrue(runs.size() >= 2_000 / FILES_PER_RUN, "continued as new every " + FILES_PER_RUN + " files");
    }

    /**
     * The same campaign with jobs that have ended when their submission reads them (restore time
     * 0): no job is waited on by a polling activity, which saves an activity's three events and
     * the three of the workflow task after it.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void jobsThatHaveEndedWhenTheirSubmissionReadsThemCostNineEventsPerFile() {
        test.drs.restoreTime(Duration.ZERO);
        List<WorkflowExecutionHistory> runs = runCampaign(2_000, FOURTEEN_DAYS_MILLIS / 2_000);

        double perFile = eventsPerFile(runs);
        // Nine a file; each run's version marker adds one to a file's count, hence not exactly 9.
        assertTrue(perFile < MAX_EVENTS_PER_FILE - 5.5, "events per file: " + perFile);
        assertEquals(0, HistoryCounts.scheduled(runs, "AwaitJob"), "no job was waited on");
        assertTrue(runs.size() >= 2_000 / FILES_PER_RUN, "continued as new every " + FILES_PER_RUN + " files");
    }

    /** Checks each run's bound and prints the figures; returns the average events per log backup. */
    private static double eventsPerFile(List<WorkflowExecutionHistory> runs) {
        long totalEvents = 0;
        for (WorkflowExecutionHistory run : runs) {
            totalEvents += run.getEvents().size();
            assertTrue(
                    run.getEvents().size() <= FILES_PER_RUN * MAX_EVENTS_PER_FILE + RUN_OVERHEAD_EVENTS,
                    "a run has " + run.getEvents().size() + " events");
        }
        IntSummaryStatistics perFile = HistoryCounts.eventsPerFile(runs);
        System.out.printf(
                "events per log backup: %.3f on average (worst single file %d); %.3f overall%n",
                perFile.getAverage(), perFile.getMax(), (double) totalEvents / (2_000 + 1));
        return perFile.getAverage();
    }

    /**
     * Five minutes apart for five weeks: far past where the old carried state broke (6,500 files).
     * Four minutes of two busy cores, so it runs when asked ({@code -Dcampaign.tenThousand=true}):
     * the 2,000-file campaigns of every build already fail if the carried state grows from run to
     * run ({@link #MAX_STATE_GROWTH_BYTES}).
     */
    @Test
    @EnabledIfSystemProperty(named = "campaign.tenThousand", matches = "true")
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void tenThousandLogBackupsCarryAStateOfBoundedSize() {
        List<WorkflowExecutionHistory> runs =
                runCampaign(10_000, Duration.ofMinutes(5).toMillis());

        assertTrue(runs.size() >= 10_000 / FILES_PER_RUN, "continued as new every " + FILES_PER_RUN + " files");
    }

    /**
     * Runs a campaign of {@code logs} log backups taken {@code interval} apart, cut over on the last
     * one; checks one job per file, the ledger listing every file once and the carried state's
     * bound; prints the figures. Returns every run's history.
     */
    private List<WorkflowExecutionHistory> runCampaign(int logs, long interval) {
        long t0 = test.startMillis;
        String full = test.bucket.upload(FakeBucket.key("FULL", t0 - 3_600_000), t0 - 3_600_000);
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= logs; i++) {
            keys.add(test.bucket.uploadLog(t0 + i * interval));
        }
        String finalName = keys.get(logs - 1).substring(keys.get(logs - 1).lastIndexOf('/') + 1);
        // The operator cuts over once the second-to-last log backup is applied (job logs = full + logs-1).
        test.drs.whenJobFinishes(logs, () -> test.campaign(ID).cutover(new CutoverRequest(finalName)));
        CampaignSpec spec = TestCampaigns.fullAndIncremental(ID, full, new Timing(120, 30, 1800, FILES_PER_RUN, 1));

        long wallStart = System.nanoTime();
        test.start(spec, null);
        // Inside the tests' own time limits, so that a campaign too slow to finish says where it stood.
        CampaignReport report = test.result(ID, logs > 2_000 ? 880 : 280);
        long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;

        List<JobRequest> creates = test.drs.creates();
        assertEquals(Phase.COMPLETED, report.finalPhase());
        assertEquals(logs + 1, creates.size(), "one job per file, none twice");
        assertEquals(1, creates.stream().filter(JobRequest::lastBackup).count());
        assertTrue(creates.get(logs).lastBackup());
        List<AppliedBackup> ledger = test.bucket.ledgerObject(
                report.ledger().bucket() + "/" + report.ledger().key());
        assertEquals(logs + 1, report.ledger().entries());
        assertEquals(
                logs + 1,
                ledger.stream().map(AppliedBackup::key).distinct().count(),
                "the ledger lists every file once");
        assertEquals(
                keys,
                ledger.subList(1, logs + 1).stream().map(AppliedBackup::key).toList(),
                "in chain order");

        List<WorkflowExecutionHistory> runs = test.histories(ID);
        long largestInput = largestContinueAsNewInput(runs);
        System.out.printf(
                "%d log backups %d s apart: %d runs, wall time %d ms, largest continue-as-new input %d bytes,"
                        + " result %d bytes%n",
                logs,
                interval / 1000,
                runs.size(),
                wallMillis,
                largestInput,
                runs.get(runs.size() - 1).getLastEvent().getSerializedSize());
        for (int r = 0; r < runs.size(); r++) {
            HistoryEvent last = runs.get(r).getLastEvent();
            System.out.printf(
                    "run %d: %d events, %d bytes (last event %s, %d bytes)%n",
                    r + 1,
                    runs.get(r).getEvents().size(),
                    runs.get(r).getHistory().getSerializedSize(),
                    last.getEventType(),
                    last.getSerializedSize());
        }
        assertTrue(
                largestInput <= MAX_CONTINUE_AS_NEW_INPUT_BYTES,
                "largest continue-as-new input: " + largestInput + " bytes");
        List<Long> inputs = continueAsNewInputs(runs);
        long growth = inputs.get(inputs.size() - 1) - inputs.get(0);
        assertTrue(growth <= MAX_STATE_GROWTH_BYTES, "the carried state grew from run to run: " + inputs);
        return runs;
    }

    /** The biggest input any run handed to the next one: the carried state, as stored. */
    static long largestContinueAsNewInput(List<WorkflowExecutionHistory> runs) {
        return continueAsNewInputs(runs).stream()
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
    }

    /** The size of the input each run handed to the next, first to last. */
    private static List<Long> continueAsNewInputs(List<WorkflowExecutionHistory> runs) {
        return runs.stream()
                .map(WorkflowExecutionHistory::getLastEvent)
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW)
                .map(e -> (long) e.getWorkflowExecutionContinuedAsNewEventAttributes()
                        .getInput()
                        .getSerializedSize())
                .toList();
    }
}
