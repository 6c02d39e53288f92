package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.LedgerKeys;
import io.cutover.spec.CampaignSpec;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upgrade safety of changes guarded by {@code Workflow.getVersion}. The ledger: a campaign
 * recorded by the first released version replays unchanged, and the run it continued into, started
 * from the state that version carried, takes the new path: its entries go to the ledger, the
 * carried ones first, and the report is assembled from it. Submissions that read their job: a
 * campaign recorded before them replays with its polling waits, and the run it continued into
 * waits only for jobs still running.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CampaignUpgradeTest {

    private static final String RECORDED_RUN = "histories/replay-full-and-incremental-run1.json";
    /** Recorded by the code of commit f3bd257: the ledger and the full backup's staging activity, every job waited on. */
    private static final String LEDGER_RUN = "histories/replay-ledger-full-and-incremental-run1.json";

    private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

    @RegisterExtension
    final CampaignTestEnvironment test = new CampaignTestEnvironment();

    @Test
    void aRunRecordedBeforeTheLedgerReplaysAndTheRunItContinuedIntoKeepsTheLedger() throws Exception {
        WorkflowExecutionHistory recorded = WorkflowExecutionHistory.fromJson(resource(RECORDED_RUN));
        WorkflowReplayer.replayWorkflowExecution(recorded, CampaignWorkflowImpl.class);
        assertTrue(versionMarkers(recorded).isEmpty(), "the recorded run predates every change");

        Payloads input = recorded.getLastEvent()
                .getWorkflowExecutionContinuedAsNewEventAttributes()
                .getInput();
        CampaignSpec spec = CONVERTER.fromPayloads(0, Optional.of(input), CampaignSpec.class, CampaignSpec.class);
        CampaignState carried = CONVERTER.fromPayloads(1, Optional.of(input), CampaignState.class, CampaignState.class);
        assertNull(carried.recent(), "the old state has no recent list: its backups hold every entry");
        assertTrue(
                carried.ledgerBacklog().size() >= 3,
                "the recorded run carried its entries: " + carried.ledgerBacklog());

        CampaignWorkflow campaign = test.start(spec, carried);
        CampaignStatus resumed =
                test.awaitStatus(spec.campaignId(), s -> s.phase() == Phase.CATCHING_UP, Duration.ofMinutes(1), 20);
        assertEquals(carried.ledgerBacklog(), resumed.applied(), "the status shows what the old run did");
        // One more log backup, well after anything the recorded run saw, then the operator stops.
        String next =
                test.bucket.uploadLog(test.startMillis + Duration.ofDays(1).toMillis());
        int applied = carried.appliedCount() + 1;
        test.awaitStatus(spec.campaignId(), s -> s.appliedCount() == applied, Duration.ofHours(1), 48);
        campaign.abort(new AbortRequest("upgrade test over"));
        CampaignReport report = test.result(spec.campaignId());

        assertNotNull(report.ledger(), "the new run keeps a ledger");
        String folder = LedgerKeys.folder(spec.source().stagingPrefix(), spec.campaignId());
        assertEquals(LedgerKeys.report(folder), report.ledger().key());
        List<AppliedBackup> ledger = test.bucket.ledgerObject(
                report.ledger().bucket() + "/" + report.ledger().key());
        assertEquals(
                carried.ledgerBacklog(),
                ledger.subList(0, carried.ledgerBacklog().size()),
                "the carried entries come first");
        assertEquals(next, ledger.get(carried.ledgerBacklog().size()).key());
        assertEquals(carried.ledgerBacklog().size() + 1, report.ledger().entries());
        assertEquals(
                report.ledger().entries(),
                report.ledger().outcomes().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum());

        List<WorkflowExecutionHistory> newRuns = test.histories(spec.campaignId());
        assertEquals(
                List.of(
                        CampaignVersions.VERSIONS_AT_START,
                        CampaignVersions.QUICK_WAITS,
                        CampaignVersions.READABLE_STAGED_NAMES,
                        CampaignVersions.LOCAL_FINAL_WATCH,
                        CampaignVersions.LEDGER,
                        CampaignVersions.SUBMIT_READS_JOB),
                versionMarkers(newRuns.get(0)));
        for (WorkflowExecutionHistory run : newRuns) {
            test.replay(run);
        }
    }

    @Test
    void theFullBackupIsStagedByAHeartbeatingActivityAndLogBackupsByLocalOnes() {
        long t0 = test.startMillis;
        String full = test.bucket.upload(FakeBucket.key("FULL", t0 - 3_600_000), t0 - 3_600_000);
        String log = test.bucket.uploadLog(t0 + 600_000);
        String last = test.bucket.uploadLog(t0 + 1_200_000);
        CampaignWorkflow campaign = test.start(TestCampaigns.fullAndIncremental("staging", full), null);
        test.awaitStatus("staging", s -> s.appliedCount() == 1, Duration.ofMinutes(5), 40);
        campaign.requestCutover(new CutoverRequest(last));
        test.result("staging");

        List<HistoryEvent> stagings = test.client.fetchHistory("staging").getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .filter(e -> e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals("Stage"))
                .toList();
        assertEquals(1, stagings.size(), "only the full backup is staged by a normal activity");
        assertEquals(
                full,
                stagings.get(0)
                        .getActivityTaskScheduledEventAttributes()
                        .getInput()
                        .getPayloads(0)
                        .getData()
                        .toStringUtf8()
                        .replaceAll(".*\"key\":\"([^\"]+)\".*", "$1"));
        assertEquals(
                CampaignActivities.FULL_STAGING_HEARTBEAT.toSeconds(),
                stagings.get(0)
                        .getActivityTaskScheduledEventAttributes()
                        .getHeartbeatTimeout()
                        .getSeconds());
        List<HistoryEvent> polls = test.client.fetchHistory("staging").getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .filter(e -> List.of("AwaitJob", "AwaitNewBackups")
                        .contains(e.getActivityTaskScheduledEventAttributes()
                                .getActivityType()
                                .getName()))
                .toList();
        assertTrue(polls.size() >= 3, "the full and both logs were waited on");
        boolean finalWatched = false;
        for (HistoryEvent poll : polls) {
            // A worker lost mid-poll must be replaced after the heartbeat timeout, not start-to-close;
            // while the application is down (the final watch) within seconds.
            String summary = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    poll.getUserMetadata().getSummary(), String.class, String.class);
            boolean finalWatch = summary.contains("for the final backup");
            finalWatched |= finalWatch;
            assertEquals(
                    (finalWatch
                                    ? CampaignActivities.FINAL_WATCH_HEARTBEAT_TIMEOUT
                                    : CampaignActivities.POLL_HEARTBEAT_TIMEOUT)
                            .toSeconds(),
                    poll.getActivityTaskScheduledEventAttributes()
                            .getHeartbeatTimeout()
                            .getSeconds(),
                    poll.getActivityTaskScheduledEventAttributes()
                                    .getActivityType()
                                    .getName() + " has no heartbeat timeout");
        }
        assertTrue(finalWatched, "the final backup was watched for: " + polls.size() + " waits");
        assertEquals(
                List.of(full, log, last),
                test.bucket.stageRequests().stream().map(r -> r.file().key()).toList(),
                "the log backups were staged too, by local activities");
        assertEquals(
                List.of(
                        CampaignVersions.VERSIONS_AT_START,
                        CampaignVersions.QUICK_WAITS,
                        CampaignVersions.READABLE_STAGED_NAMES,
                        CampaignVersions.LOCAL_FINAL_WATCH,
                        CampaignVersions.JOB_IDENTITY,
                        CampaignVersions.LEDGER,
                        CampaignVersions.LSN_CHAIN,
                        CampaignVersions.FULL_STAGING_ACTIVITY,
                        CampaignVersions.SUBMIT_READS_JOB),
                versionMarkers(test.client.fetchHistory("staging")));
    }

    @Test
    void aRunRecordedBeforeSubmissionsReadTheirJobReplaysAndTheRunItContinuedIntoWaitsOnlyForRunningJobs()
            throws Exception {
        WorkflowExecutionHistory recorded = WorkflowExecutionHistory.fromJson(resource(LEDGER_RUN));
        WorkflowReplayer.replayWorkflowExecution(recorded, CampaignWorkflowImpl.class);
        assertEquals(
                List.of(CampaignVersions.LEDGER, CampaignVersions.FULL_STAGING_ACTIVITY),
                versionMarkers(recorded),
                "recorded with the ledger, before submissions read their job");
        assertEquals(
                HistoryCounts.localActivities(List.of(recorded), "SubmitJob"),
                HistoryCounts.scheduled(List.of(recorded), "AwaitJob"),
                "the recorded run waited on every job it submitted");

        Payloads input = recorded.getLastEvent()
                .getWorkflowExecutionContinuedAsNewEventAttributes()
                .getInput();
        CampaignSpec spec = CONVERTER.fromPayloads(0, Optional.of(input), CampaignSpec.class, CampaignSpec.class);
        CampaignState carried = CONVERTER.fromPayloads(1, Optional.of(input), CampaignState.class, CampaignState.class);
        test.drs.restoreTime(Duration.ZERO);
        CampaignWorkflow campaign = test.start(spec, carried);
        test.awaitStatus(spec.campaignId(), s -> s.phase() == Phase.CATCHING_UP, Duration.ofMinutes(1), 20);
        test.bucket.uploadLog(test.startMillis + Duration.ofDays(1).toMillis());
        test.bucket.uploadLog(test.startMillis + Duration.ofDays(1).toMillis() + 600_000);
        int applied = carried.appliedCount() + 2;
        test.awaitStatus(spec.campaignId(), s -> s.appliedCount() == applied, Duration.ofHours(1), 48);
        campaign.abort(new AbortRequest("upgrade test over"));
        test.result(spec.campaignId());

        List<WorkflowExecutionHistory> newRuns = test.histories(spec.campaignId());
        assertEquals(
                List.of(
                        CampaignVersions.VERSIONS_AT_START,
                        CampaignVersions.QUICK_WAITS,
                        CampaignVersions.READABLE_STAGED_NAMES,
                        CampaignVersions.LOCAL_FINAL_WATCH,
                        CampaignVersions.LEDGER,
                        CampaignVersions.SUBMIT_READS_JOB),
                versionMarkers(newRuns.get(0)));
        assertEquals(2, HistoryCounts.localActivities(newRuns.subList(0, 1), "SubmitJobAndRead"));
        assertEquals(
                0,
                HistoryCounts.scheduled(newRuns.subList(0, 1), "AwaitJob"),
                "both jobs had ended when their submission read them");
        assertEquals(2, test.drs.creates().size());
        for (WorkflowExecutionHistory run : newRuns) {
            test.replay(run);
        }
    }

    /** The change ids of the version markers in a run, in order. */
    private static List<String> versionMarkers(WorkflowExecutionHistory history) {
        return history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
                .map(HistoryEvent::getMarkerRecordedEventAttributes)
                .filter(marker -> marker.getMarkerName().equals("Version"))
                .map(marker -> CONVERTER.fromPayloads(
                        0, Optional.of(marker.getDetailsOrThrow("changeId")), String.class, String.class))
                .toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CampaignUpgradeTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
