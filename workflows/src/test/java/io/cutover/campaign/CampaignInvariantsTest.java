package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.JobOutcome;
import io.cutover.activity.JobRequest;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.Timing;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One test per invariant of DESIGN.md, each able to fail if the invariant broke. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CampaignInvariantsTest {

    private static final long MINUTE = 60_000;
    private static final Duration STEP = Duration.ofMinutes(5);
    private static final String ID = "sales-cutover";

    @RegisterExtension
    final CampaignTestEnvironment test = new CampaignTestEnvironment();

    private String full;

    @BeforeEach
    void uploadTheFullBackup() {
        full = test.bucket.upload(
                FakeBucket.key("FULL", test.startMillis - 60 * MINUTE), test.startMillis - 60 * MINUTE);
    }

    /** Log backups every ten minutes from the start, visible as they are taken. */
    private List<String> uploadLogs(int count) {
        List<String> logs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            logs.add(test.bucket.uploadLog(test.startMillis + i * 10 * MINUTE));
        }
        return logs;
    }

    private CampaignWorkflow start() {
        return test.start(TestCampaigns.fullAndIncremental(ID, full), null);
    }

    private CampaignStatus awaitApplied(int count) {
        return test.awaitStatus(ID, s -> s.appliedCount() >= count, STEP, 100);
    }

    private static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static long lastBackupCount(List<JobRequest> creates) {
        return creates.stream().filter(JobRequest::lastBackup).count();
    }

    @Test
    void anAnswerLostAfterTheJobWasCreatedStillGivesExactlyOneJob() {
        List<String> logs = uploadLogs(3);
        test.drs.loseAnswerOnCreate(1).loseAnswerOnCreate(3);
        CampaignWorkflow campaign = start();
        awaitApplied(2);
        campaign.requestCutover(new CutoverRequest(name(logs.get(2))));

        CampaignReport report = test.result(ID);

        List<JobRequest> creates = test.drs.creates();
        assertEquals(4, creates.size(), "full + 3 logs, none created twice");
        assertEquals(4, new HashSet<>(creates.stream().map(JobRequest::name).toList()).size());
        assertEquals("job-1", report.backups().get(0).jobId(), "the lost answer's job is the one recorded");
        assertEquals("job-3", report.backups().get(2).jobId());
        assertEquals(Phase.COMPLETED, report.finalPhase());
    }

    @Test
    void aRetryAfterASubmissionThatGaveUpReusesTheNameAndFindsTheJobDrsMadeAnyway() {
        List<String> logs = uploadLogs(3);
        test.drs.giveUpAfterCreating(2);
        CampaignWorkflow campaign = start();
        CampaignStatus blocked = test.awaitStatus(ID, s -> s.phase() == Phase.BLOCKED, STEP, 40);
        assertTrue(blocked.blockedReason().startsWith("ERROR"), blocked.blockedReason());

        campaign.retry();
        awaitApplied(2);
        campaign.requestCutover(new CutoverRequest(logs.get(2)));
        test.result(ID);

        List<JobRequest> creates = test.drs.creates();
        assertEquals(4, creates.size(), "the retry found job-2 by its name instead of creating another");
        assertEquals(
                1,
                creates.stream()
                        .filter(c -> c.fileName().equals(creates.get(1).fileName()))
                        .count());
    }

    @Test
    void aLateFileIsReportedAndNeverApplied() {
        List<String> logs = uploadLogs(3);
        start();
        awaitApplied(2);
        // Uploaded now, but taken before the first log already applied: it would break the chain.
        String late =
                test.bucket.upload(FakeBucket.key("LOG", test.startMillis + 5 * MINUTE), test.env.currentTimeMillis());
        CampaignStatus status =
                test.awaitStatus(ID, s -> s.reports().stream().anyMatch(r -> r.contains(late)), STEP, 20);
        test.campaign(ID).requestCutover(new CutoverRequest(logs.get(2)));

        CampaignReport report = test.result(ID);

        assertTrue(status.reports().stream().anyMatch(r -> r.startsWith("LATE " + late)));
        assertTrue(report.backups().stream()
                .anyMatch(b -> b.key().equals(late) && b.outcome() == Outcome.LATE && b.jobId() == null));
        assertTrue(
                test.bucket.stageRequests().stream()
                        .noneMatch(r -> r.file().key().equals(late)),
                "never staged");
        assertEquals(4, test.drs.creates().size(), "full + 3 logs; the late file got no job");
    }

    @Test
    void aFailedJobBlocksAndNothingFollowsUntilTheOperatorRetries() {
        List<String> logs = uploadLogs(7);
        test.drs.endJob(3, JobOutcome.State.FAILED);
        CampaignWorkflow campaign = start();

        CampaignStatus blocked = test.awaitStatus(ID, s -> s.phase() == Phase.BLOCKED, STEP, 40);
        assertTrue(blocked.blockedReason().contains("LSN gap"), "the job's error_log is shown");
        test.env.sleep(Duration.ofHours(2));
        assertEquals(3, test.drs.creates().size(), "nothing submitted after the failed job");
        assertEquals(Phase.BLOCKED, campaign.status().phase());

        campaign.retry();
        awaitApplied(5);
        campaign.requestCutover(new CutoverRequest(logs.get(6)));
        CampaignReport report = test.result(ID);

        List<JobRequest> creates = test.drs.creates();
        assertEquals(9, creates.size(), "full + 7 logs + one retry");
        assertEquals(creates.get(2).fileName(), creates.get(3).fileName(), "the retry submits the same file");
        assertNotEquals(creates.get(2).name(), creates.get(3).name(), "under a new attempt name");
        assertTrue(report.backups().stream()
                .anyMatch(b -> b.outcome() == Outcome.FAILED && b.note().contains("LSN gap")));
        assertEquals(Phase.COMPLETED, report.finalPhase());
    }

    @Test
    void aSkipNeedsTheBlockedFileAndAReasonAndIsRecorded() {
        List<String> logs = uploadLogs(6);
        test.drs.endJob(3, JobOutcome.State.PRECHECK_FAILED);
        CampaignWorkflow campaign = start();
        test.awaitStatus(ID, s -> s.phase() == Phase.BLOCKED, STEP, 40);

        campaign.skip(new SkipRequest(name(logs.get(0)), "wrong file"));
        campaign.skip(new SkipRequest(name(logs.get(1)), " "));
        test.env.sleep(Duration.ofMinutes(30));
        assertEquals(
                Phase.BLOCKED, campaign.status().phase(), "a skip naming another file, or without reason, is ignored");

        campaign.skip(new SkipRequest(name(logs.get(1)), "empty log backup, verified by hand"));
        awaitApplied(3);
        campaign.requestCutover(new CutoverRequest(logs.get(5)));
        CampaignReport report = test.result(ID);

        assertTrue(report.backups().stream()
                .anyMatch(b -> b.key().equals(logs.get(1))
                        && b.outcome() == Outcome.SKIPPED
                        && b.note().equals("empty log backup, verified by hand")));
        assertEquals(7, test.drs.creates().size(), "full + 6 logs, the skipped file not submitted again");
    }

    @Test
    void abortWhileBlockedEndsTheCampaignWithoutAnotherJob() {
        uploadLogs(4);
        test.drs.endJob(2, JobOutcome.State.FAILED);
        CampaignWorkflow campaign = start();
        test.awaitStatus(ID, s -> s.phase() == Phase.BLOCKED, STEP, 40);

        campaign.abort(new AbortRequest("source server decommission postponed"));
        CampaignReport report = test.result(ID);

        assertEquals(Phase.ABORTED, report.finalPhase());
        assertEquals("source server decommission postponed", report.abortReason());
        assertEquals(2, test.drs.creates().size());
        assertEquals(0, lastBackupCount(test.drs.creates()));
    }

    @Test
    void theUpdateValidatorRejectsPrematureWrongAndRepeatedCutovers() {
        List<String> logs = uploadLogs(3);
        CampaignWorkflow campaign = start();
        test.awaitStatus(ID, s -> s.phase() == Phase.FULL_RESTORE, Duration.ofSeconds(10), 10);
        assertRejected(campaign, null, "premature");

        awaitApplied(1);
        assertRejected(campaign, name(full), "not a log backup");
        assertRejected(campaign, "SQL01_Orders_LOG_20991231_000000.trn", "belongs to database Orders");
        assertRejected(campaign, "export.csv", "not a name");
        assertRejected(campaign, name(logs.get(0)), "not after the last backup applied");

        CutoverPlan plan = campaign.requestCutover(new CutoverRequest(name(logs.get(2))));
        assertEquals(name(logs.get(2)), name(plan.finalBackup()));
        assertRejected(campaign, null, "already requested");
        CampaignReport report = test.result(ID);

        assertEquals(1, lastBackupCount(test.drs.creates()));
        assertEquals(Phase.COMPLETED, report.finalPhase());
    }

    private static void assertRejected(CampaignWorkflow campaign, String finalBackup, String reason) {
        WorkflowUpdateException e = assertThrows(
                WorkflowUpdateException.class, () -> campaign.requestCutover(new CutoverRequest(finalBackup)));
        String message = e.getCause().getMessage();
        assertTrue(message.contains(reason), () -> "expected '" + reason + "' in: " + message);
    }

    @Test
    void withoutANamedFileTheFirstLogAfterTheRequestIsFinalAndLaterOnesAreNotApplied() {
        List<String> logs = uploadLogs(3);
        CampaignWorkflow campaign = start();
        awaitApplied(3);
        campaign.cutover(new CutoverRequest(null));
        long requested = test.env.currentTimeMillis();
        String tail = test.bucket.uploadLog(requested + 3 * MINUTE);
        String after = test.bucket.uploadLog(requested + 4 * MINUTE);

        CampaignReport report = test.result(ID);

        List<JobRequest> creates = test.drs.creates();
        assertEquals(1, lastBackupCount(creates), "is_last_backup=true exactly once");
        JobRequest last = creates.get(creates.size() - 1);
        assertTrue(last.lastBackup(), "and only for the final file");
        assertEquals(
                tail,
                test.bucket
                        .stageRequests()
                        .get(test.bucket.stageRequests().size() - 1)
                        .file()
                        .key());
        assertTrue(report.backups().stream().noneMatch(b -> b.key().equals(after) && b.jobId() != null));
        assertTrue(logs.stream()
                .allMatch(log -> report.backups().stream().anyMatch(b -> b.key().equals(log) && !b.lastBackup())));
    }

    @Test
    void anAlarmIsRaisedWhenNoFinalBackupArrivesInTime() {
        uploadLogs(1);
        CampaignWorkflow campaign = start();
        awaitApplied(1);
        campaign.cutover(new CutoverRequest(null));

        CampaignStatus alarmed = test.awaitStatus(ID, s -> !s.alarms().isEmpty(), STEP, 20);
        assertTrue(alarmed.alarms().get(0).contains("no log backup has arrived within 1800 s"));
        assertEquals(Phase.CUTOVER_REQUESTED, alarmed.phase());
        test.bucket.uploadLog(test.env.currentTimeMillis());

        CampaignReport report = test.result(ID);
        assertEquals(Phase.COMPLETED, report.finalPhase());
        assertTrue(campaign.status().alarms().isEmpty(), "the alarm clears once the final file is chosen");
    }

    @Test
    void pauseStopsSubmissionsUntilResume() {
        List<String> logs = uploadLogs(5);
        CampaignWorkflow campaign = start();
        awaitApplied(1);
        campaign.pause();
        int before = test.drs.creates().size();
        test.env.sleep(Duration.ofHours(1));
        assertEquals(Phase.PAUSED, campaign.status().phase());
        assertEquals(before, test.drs.creates().size(), "no job submitted while paused");

        campaign.resume();
        awaitApplied(3);
        campaign.requestCutover(new CutoverRequest(logs.get(4)));
        assertEquals(Phase.COMPLETED, test.result(ID).finalPhase());
    }

    @Test
    void aCutoverArrivingDuringContinueAsNewIsKept() {
        // Every file ends a run. The signal is sent from inside the activity whose completion makes
        // the run continue as new, so it lands in the very workflow task that decides to continue
        // as new (or in the new run's first one).
        List<String> logs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            logs.add(test.bucket.uploadLog(test.startMillis - 50 * MINUTE + i * MINUTE));
        }
        test.drs.whenJobFinishes(3, () -> test.campaign(ID).cutover(new CutoverRequest(name(logs.get(5)))));
        CampaignSpec spec = TestCampaigns.fullAndIncremental(ID, full, new Timing(60, 30, 1800, 1, 1));
        test.start(spec, null);

        CampaignReport report = test.result(ID);

        assertEquals(Phase.COMPLETED, report.finalPhase());
        List<JobRequest> creates = test.drs.creates();
        assertEquals(7, creates.size());
        assertTrue(creates.get(6).lastBackup(), "the cutover survived the runs and chose the named file");
        assertEquals(1, lastBackupCount(creates));
        assertTrue(report.cutoverRequestedMillis() > 0);
        assertTrue(test.histories(ID).size() >= 6, "the campaign did continue as new after every file");
    }

    @Test
    void aCutoverUpdateArrivingDuringContinueAsNewIsAnsweredAndKept() throws Exception {
        // As the signal above, but the update: the operator waits for its answer, so it must be
        // accepted by one run (the one continuing as new waits for its handlers) or the next.
        List<String> logs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            logs.add(test.bucket.uploadLog(test.startMillis - 50 * MINUTE + i * MINUTE));
        }
        CompletableFuture<CutoverPlan> answer = new CompletableFuture<>();
        test.drs.whenJobFinishes(
                3,
                () -> CompletableFuture.runAsync(() -> {
                    try {
                        answer.complete(test.campaign(ID).requestCutover(new CutoverRequest(name(logs.get(5)))));
                    } catch (RuntimeException e) {
                        answer.completeExceptionally(e);
                    }
                }));
        test.start(TestCampaigns.fullAndIncremental(ID, full, new Timing(60, 30, 1800, 1, 1)), null);

        CampaignReport report = test.result(ID);

        CutoverPlan plan = answer.get(30, TimeUnit.SECONDS);
        assertEquals(logs.get(5), plan.finalBackup());
        assertEquals(Phase.COMPLETED, report.finalPhase());
        List<JobRequest> creates = test.drs.creates();
        assertEquals(7, creates.size());
        assertEquals(1, lastBackupCount(creates));
        assertTrue(creates.get(6).lastBackup(), "the cutover survived the runs and chose the named file");
        assertTrue(test.histories(ID).size() >= 3, "the campaign did continue as new meanwhile");
    }

    /**
     * The final job failing: the database is not online, the file cannot be skipped (the cutover
     * needs it), and a retry submits it again with is_last_backup=true under a new name. So
     * is_last_backup=true goes out once per attempt at the final file, and succeeds at most once.
     */
    @Test
    void aFailedFinalJobBlocksRefusesASkipAndARetryCompletesTheCutover() {
        List<String> logs = uploadLogs(3);
        test.drs.endJob(4, JobOutcome.State.FAILED);
        CampaignWorkflow campaign = start();
        awaitApplied(2);
        campaign.requestCutover(new CutoverRequest(name(logs.get(2))));

        CampaignStatus blocked = test.awaitStatus(ID, s -> s.phase() == Phase.BLOCKED, STEP, 40);
        campaign.skip(new SkipRequest(name(logs.get(2)), "try without it"));
        CampaignStatus stillBlocked =
                test.awaitStatus(ID, s -> s.reports().stream().anyMatch(r -> r.startsWith("skip refused")), STEP, 10);
        assertEquals(Phase.BLOCKED, stillBlocked.phase());
        campaign.retry();
        CampaignReport report = test.result(ID);

        assertTrue(blocked.blockedReason().startsWith("FAILED"), blocked.blockedReason());
        assertEquals(Phase.COMPLETED, report.finalPhase());
        List<JobRequest> creates = test.drs.creates();
        assertEquals(5, creates.size(), "full + 3 logs + the final retried");
        assertEquals(creates.get(3).fileName(), creates.get(4).fileName());
        assertNotEquals(creates.get(3).name(), creates.get(4).name());
        assertEquals(2, lastBackupCount(creates), "once per attempt at the final file");
        assertTrue(report.onlineMillis() > 0, "the retry brought the database online");
    }

    @Test
    void noSecretAppearsInTheHistory() {
        List<String> logs = uploadLogs(2);
        CampaignWorkflow campaign = start();
        awaitApplied(1);
        campaign.requestCutover(new CutoverRequest(logs.get(1)));
        test.result(ID);

        assertTrue(test.drs.signedCalls() > 0, "the fake DRS did use its credentials");
        for (WorkflowExecutionHistory history : test.histories(ID)) {
            String json = history.toJson(false);
            for (String secret : List.of(FakeDrs.TOKEN, FakeDrs.ACCESS_KEY, FakeDrs.SECRET_KEY)) {
                assertFalse(json.contains(secret), "secret found in history");
            }
            assertFalse(json.toLowerCase().contains("password"));
        }
        assertFalse(campaign.status().toString().contains(FakeDrs.TOKEN));
    }

    @Test
    void anInvalidSpecFailsTheWorkflowListingEveryViolationAndSubmitsNothing() {
        CampaignSpec good = TestCampaigns.fullAndIncremental(ID, full);
        CampaignSpec bad = new CampaignSpec(
                good.campaignId(),
                good.mode(),
                null,
                new io.cutover.spec.SourceSpec(
                        "Bad_Bucket",
                        good.source().prefix(),
                        good.source().fullBackup(),
                        good.source().naming(),
                        null,
                        null,
                        null),
                good.restore(),
                "a name with spaces",
                null,
                List.of(),
                null,
                // No timing either: the workflow builds its parts before it validates, and none may
                // read the timing then (a workflow task failing for ever, not a failed campaign).
                null);
        test.start(bad, null);

        WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> test.result(ID));
        ApplicationFailure failure = (ApplicationFailure) e.getCause();
        assertEquals(CampaignWorkflowImpl.INVALID_SPEC, failure.getType());
        assertTrue(failure.getOriginalMessage().contains("target: is required"));
        assertTrue(failure.getOriginalMessage().contains("source.bucket"));
        assertTrue(failure.getOriginalMessage().contains("source.stagingPrefix"));
        assertTrue(failure.getOriginalMessage().contains("jobNamePrefix"));
        assertTrue(failure.getOriginalMessage().contains("timing: is required"));
        assertTrue(test.drs.creates().isEmpty());
    }

    @Test
    void theUiSeesSearchAttributesAProgressSummaryAndActivitySummariesNamingTheFile() {
        List<String> logs = uploadLogs(2);
        start();
        awaitApplied(2);

        SearchAttributes attributes = test.untyped(ID).describe().getTypedSearchAttributes();
        assertEquals("CATCHING_UP", attributes.get(CampaignSearchAttributes.PHASE));
        assertEquals(TestCampaigns.TARGET, attributes.get(CampaignSearchAttributes.TARGET_INSTANCE_ID));
        assertEquals(2L, attributes.get(CampaignSearchAttributes.APPLIED_BACKUPS));
        WorkflowMetadata metadata = test.untyped(ID).query("__temporal_workflow_metadata", WorkflowMetadata.class);
        assertTrue(metadata.getCurrentDetails().contains("CATCHING_UP"), metadata.getCurrentDetails());
        assertTrue(metadata.getCurrentDetails().contains("Log backups applied: 2"), metadata.getCurrentDetails());

        List<String> summaries = test.client.fetchHistory(ID).getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .map(e -> DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                        e.getUserMetadata().getSummary(), String.class, String.class))
                .toList();
        String stagedName = test.drs.creates().get(2).fileName();
        assertTrue(
                summaries.stream().anyMatch(s -> s.startsWith("wait for DRS job") && s.contains(stagedName)),
                summaries::toString);
        assertTrue(
                summaries.stream().anyMatch(s -> s.startsWith("watch " + FakeBucket.BUCKET + "/" + FakeBucket.PREFIX)),
                summaries::toString);

        test.campaign(ID).abort(new AbortRequest("test over"));
        test.result(ID);
        assertEquals(
                "ABORTED",
                test.untyped(ID).describe().getTypedSearchAttributes().get(CampaignSearchAttributes.PHASE));
        assertEquals(logs.size(), test.drs.creates().size() - 1);
    }

    @Test
    void abortWhileAJobRunsStopsWaitingAndRecordsTheJobAsAbandoned() {
        test.drs.restoreTime(Duration.ofHours(6));
        start();
        test.awaitStatus(ID, s -> s.inFlight() != null && !test.drs.creates().isEmpty(), Duration.ofMinutes(1), 20);

        test.campaign(ID).abort(new AbortRequest("wrong target instance"));
        CampaignReport report = test.result(ID);

        assertEquals(Phase.ABORTED, report.finalPhase());
        assertEquals(Outcome.ABANDONED, report.backups().get(0).outcome());
        assertEquals("job-1", report.backups().get(0).jobId());
        assertTrue(
                report.backups().get(0).endedMillis() - report.backups().get(0).startedMillis()
                        < Duration.ofHours(1).toMillis(),
                "the abort did not wait for the six-hour restore");
    }
}
