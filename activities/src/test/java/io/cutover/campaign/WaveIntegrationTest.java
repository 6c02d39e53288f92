package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.simulator.SimulatedJob;
import io.cutover.simulator.backupfile.BackupHeader;
import io.cutover.simulator.backupfile.BackupType;
import io.cutover.spec.CampaignSpecs;
import io.cutover.spec.WaveSpecs;
import io.cutover.wave.MemberReport;
import io.cutover.wave.WaveCutoverRequest;
import io.cutover.wave.WavePhase;
import io.cutover.wave.WaveReport;
import io.cutover.wave.WaveStatus;
import io.cutover.wave.WaveWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A wave of three databases, each a member campaign (a child workflow) with the real activities,
 * on the DRS simulator's record: one operator decision, and no final goes out for any member
 * before every member holds its own.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WaveIntegrationTest {

    private static final Duration STEP = WaveChains.STEP;
    private static final List<String> DATABASES = WaveChains.DATABASES;

    @Test
    void theFinalsGoOutOnlyOnceEveryMemberHoldsItsOwnThenAllComeOnline() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-wave");
            WaveStatus answered = wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(3)));
            // The answer comes once every member took the request: the tail-logs may be taken now.
            assertTrue(answered.members().stream().allMatch(MemberReport::cutoverAccepted), answered.toString());
            for (String db : DATABASES) {
                assertTrue(it.status(WaveSpecs.campaignId("erp-wave", db)).cutover() != null, db);
            }
            WaveChains.write(it, "Orders", 3);
            WaveChains.write(it, "Billing", 3);
            awaitPrepared(it, "erp-wave", 2);
            it.env.sleep(Duration.ofMinutes(30));
            assertEquals(0, WaveChains.lastJobs(it), "no final goes out while a member does not hold its own");
            assertEquals(WavePhase.PREPARING, PatientQuery.ask(wave::status).phase());

            WaveChains.write(it, "Stock", 3);
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(60, TimeUnit.SECONDS, WaveReport.class);

            // Orders' final came soon after the answer: the watch that followed the request ran
            // inside its workflow task, and the task that took the request sent its answer first.
            // (Whether the final was found by that watch depends on how far the test server skips
            // time while no task is open: the window is two minutes of workflow time.)
            List<HistoryEvent> orders = prepareOf(it, WaveSpecs.campaignId("erp-wave", "Orders"));
            assertTrue(
                    orders.stream()
                            .filter(e -> localWatchCall(e) || watchActivity(e))
                            .findFirst()
                            .filter(WaveIntegrationTest::localWatchCall)
                            .isPresent(),
                    "the first watch after the request is a local one");
            assertTrue(
                    takingTheRequest(orders).compareTo(WORKFLOW_TASK_BEAT) < 0,
                    "the request was taken, and the answer sent, without waiting for the watch: "
                            + takingTheRequest(orders));
            // Stock's came after the local watch's window: it went back to the watch activity, and
            // the local calls it made are bounded by the window.
            List<HistoryEvent> stock = prepareOf(it, WaveSpecs.campaignId("erp-wave", "Stock"));
            assertTrue(stock.stream().anyMatch(WaveIntegrationTest::watchActivity), "the watch activity after");
            long calls =
                    stock.stream().filter(WaveIntegrationTest::localWatchCall).count();
            assertTrue(
                    calls >= 1
                            && calls
                                    <= CampaignActivities.LOCAL_FINAL_WATCH_WINDOW.dividedBy(
                                                    CampaignActivities.LOCAL_FINAL_WATCH_CALL)
                                            + 1,
                    calls + " local watch calls");

            // The wave asked its members by update, all in one local activity: no request signal
            // went out, and no member signalled that it took it (its answer said so).
            List<HistoryEvent> waveHistory = it.client.fetchHistory("erp-wave").getEvents();
            assertEquals(
                    0,
                    waveHistory.stream()
                            .filter(HistoryEvent::hasSignalExternalWorkflowExecutionInitiatedEventAttributes)
                            .filter(e -> e.getSignalExternalWorkflowExecutionInitiatedEventAttributes()
                                    .getSignalName()
                                    .equals("cutover"))
                            .count(),
                    "request signals from the wave");
            // (Before the commit: a member that has committed says CUTOVER_REQUESTED again, briefly.)
            List<String> reportsBeforeCommit = signalsBeforeCommit(waveHistory);
            assertEquals(
                    List.of(),
                    reportsBeforeCommit.stream()
                            .filter(input -> input.contains("CUTOVER_REQUESTED"))
                            .toList(),
                    "members' signals that they took the request");
            // Stock's final came half an hour after its collection's time: it signalled its
            // PREPARED report. Orders' and Billing's came by signal or in the collection.
            List<String> prepared = reportsBeforeCommit.stream()
                    .filter(input -> input.contains("PREPARED"))
                    .toList();
            assertTrue(
                    prepared.stream().anyMatch(input -> input.contains(WaveSpecs.campaignId("erp-wave", "Stock"))),
                    prepared.toString());
            for (String db : DATABASES) {
                assertTrue(
                        prepared.stream()
                                        .filter(input -> input.contains(WaveSpecs.campaignId("erp-wave", db)))
                                        .count()
                                <= 1,
                        db + ": at most one PREPARED signal: " + prepared);
            }
            for (String db : DATABASES) {
                assertEquals(
                        1,
                        it.client.fetchHistory(WaveSpecs.campaignId("erp-wave", db)).getEvents().stream()
                                .filter(WaveIntegrationTest::cutoverRequestUpdate)
                                .count(),
                        db + ": the wave's request, taken once");
            }

            assertEquals(WavePhase.COMPLETED, report.phase());
            assertEquals(3, WaveChains.lastJobs(it), "one final each");
            // The wave created every final at once, and each member's commit adopted its own: a
            // member that made its final itself would have made a second one.
            assertEquals(
                    it.simulator.jobs().stream()
                            .filter(SimulatedJob::lastBackup)
                            .map(SimulatedJob::id)
                            .collect(Collectors.toSet()),
                    Set.copyOf(it.submittedTogether),
                    "the finals the wave submitted together");
            for (String db : DATABASES) {
                List<SimulatedJob> jobs = it.simulator.jobs().stream()
                        .filter(job -> job.databases().contains(db))
                        .toList();
                assertEquals(4, jobs.size(), db + ": the full, two logs and the final, one job each: " + jobs);
                assertTrue(jobs.get(3).lastBackup(), db + ": the final last");
                assertTrue(jobs.stream().allMatch(job -> job.status().equals("SUCCESS")), jobs::toString);
            }
            assertTrue(report.downtimeMillis() > 0);
            for (String db : DATABASES) {
                var attributes = it.client
                        .getWorkflowServiceStubs()
                        .blockingStub()
                        .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                                .setNamespace(it.client.getOptions().getNamespace())
                                .setExecution(WorkflowExecution.newBuilder()
                                        .setWorkflowId(WaveSpecs.campaignId("erp-wave", db)))
                                .build())
                        .getWorkflowExecutionInfo()
                        .getSearchAttributes()
                        .getIndexedFieldsMap();
                assertTrue(
                        attributes
                                .get(CampaignSearchAttributes.WAVE_ID.getName())
                                .getData()
                                .toStringUtf8()
                                .contains("erp-wave"),
                        db + ": members are listed by their wave");
            }
            assertTrue(report.members().stream().allMatch(m -> m.onlineMillis() > 0 && m.downtimeMillis() > 0));
        }
    }

    /** Waits until this many members of the wave hold their final. */
    private static void awaitPrepared(IntegrationEnvironment it, String waveId, int members) {
        it.awaitWave(
                waveId,
                s -> s.members().stream()
                                .filter(m -> m.phase() == Phase.PREPARED)
                                .count()
                        == members,
                STEP,
                30);
    }

    /** A workflow task open for this long is beating: it waits on a local activity. */
    private static final Duration WORKFLOW_TASK_BEAT = Duration.ofSeconds(8);

    /**
     * A member's events from the start of the workflow task that took the wave's cutover request
     * (an update, recorded as accepted at that task's end) to its PREPARED report, signalled or
     * collected.
     */
    private static List<HistoryEvent> prepareOf(IntegrationEnvironment it, String campaignId) {
        List<HistoryEvent> events = it.client.fetchHistory(campaignId).getEvents();
        int accepted = 0;
        while (!cutoverRequestUpdate(events.get(accepted))) {
            accepted++;
        }
        int from = accepted;
        while (!events.get(from).hasWorkflowTaskStartedEventAttributes()) {
            from--;
        }
        int to = from;
        while (!preparedReport(events.get(to))) {
            to++;
        }
        return events.subList(from, to + 1);
    }

    /** The member's PREPARED report leaving: signalled, or the answer to the wave's collection. */
    private static boolean preparedReport(HistoryEvent event) {
        return (event.hasSignalExternalWorkflowExecutionInitiatedEventAttributes()
                        && event.getSignalExternalWorkflowExecutionInitiatedEventAttributes()
                                .getInput()
                                .toString()
                                .contains("PREPARED"))
                || (event.hasWorkflowExecutionUpdateCompletedEventAttributes()
                        && event.getWorkflowExecutionUpdateCompletedEventAttributes()
                                .getOutcome()
                                .toString()
                                .contains("PREPARED"));
    }

    private static boolean cutoverRequestUpdate(HistoryEvent event) {
        return event.hasWorkflowExecutionUpdateAcceptedEventAttributes()
                && event.getWorkflowExecutionUpdateAcceptedEventAttributes()
                        .getAcceptedRequest()
                        .getInput()
                        .getName()
                        .equals("wavePrepare");
    }

    /** How long the workflow task that took the cutover request stayed open. */
    private static Duration takingTheRequest(List<HistoryEvent> prepare) {
        HistoryEvent started = prepare.stream()
                .filter(HistoryEvent::hasWorkflowTaskStartedEventAttributes)
                .findFirst()
                .orElseThrow();
        HistoryEvent completed = prepare.stream()
                .filter(event -> event.hasWorkflowTaskCompletedEventAttributes()
                        || event.hasWorkflowTaskFailedEventAttributes()
                        || event.hasWorkflowTaskTimedOutEventAttributes())
                .findFirst()
                .orElseThrow();
        return Duration.between(at(started), at(completed));
    }

    private static Instant at(HistoryEvent event) {
        return Instant.ofEpochSecond(
                event.getEventTime().getSeconds(), event.getEventTime().getNanos());
    }

    private static boolean localWatchCall(HistoryEvent event) {
        return event.hasMarkerRecordedEventAttributes()
                && event.getMarkerRecordedEventAttributes().getDetailsMap().containsKey("type")
                && event.getMarkerRecordedEventAttributes()
                        .getDetailsMap()
                        .get("type")
                        .toString()
                        .contains("AwaitNewBackups");
    }

    private static boolean watchActivity(HistoryEvent event) {
        return event.hasActivityTaskScheduledEventAttributes()
                && event.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals("AwaitNewBackups");
    }

    /**
     * Records the histories the workflows module replays in every build: the wave's own
     * (replay-wave-prepares-run1) and one member's (replay-wave-prepares-member-orders-run1), with
     * production's activity options, the wave asking its members by update and collecting their
     * PREPARED reports in the same updates, creating the finals, and its members watching for them
     * with a local activity. Run by hand: {@code mvn -pl activities test -Dtest=WaveIntegrationTest
     * -DrecordHistories=true}, then commit the files. The histories recorded before
     * (replay-wave-run1, replay-wave-finals-run1, replay-wave-local-watch-run1,
     * replay-wave-asks-run1, replay-wave-collects-run1 and their members) stay.
     */
    @Test
    @EnabledIfSystemProperty(named = "recordHistories", matches = "true")
    void recordWave() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolderAsInProduction()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "replay-wave-prepares");
            wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(3)));
            DATABASES.forEach(db -> WaveChains.write(it, db, 3));
            assertEquals(
                    WavePhase.COMPLETED,
                    WorkflowStub.fromTyped(wave)
                            .getResult(60, TimeUnit.SECONDS, WaveReport.class)
                            .phase());
            WaveChains.saveHistories(it, "replay-wave-prepares");
        }
    }

    @Test
    void finalsUploadedTogetherAreReportedInOneUpdateEachNotOneSignalEach() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-collect");
            wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(3)));
            DATABASES.forEach(db -> WaveChains.write(it, db, 3));
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(60, TimeUnit.SECONDS, WaveReport.class);

            assertEquals(WavePhase.COMPLETED, report.phase());
            assertEquals(3, WaveChains.lastJobs(it), "one final each");
            List<HistoryEvent> waveHistory =
                    it.client.fetchHistory("erp-collect").getEvents();
            assertEquals(
                    List.of(),
                    preparedSignalsBeforeCommit(waveHistory),
                    "PREPARED reports signalled: they were collected");
            assertEquals(
                    1,
                    waveHistory.stream()
                            .filter(HistoryEvent::hasActivityTaskCompletedEventAttributes)
                            .count(),
                    "one collection answered for every member");
            for (String db : DATABASES) {
                List<HistoryEvent> member = it.client
                        .fetchHistory(WaveSpecs.campaignId("erp-collect", db))
                        .getEvents();
                assertEquals(
                        1,
                        member.stream().filter(e -> update(e, "wavePrepare")).count(),
                        db + ": asked and collected in one update");
                assertEquals(
                        0,
                        member.stream()
                                .filter(e -> update(e, "waveCutover") || update(e, "wavePrepared"))
                                .count(),
                        db + ": no second update");
                assertTrue(
                        member.stream()
                                .filter(HistoryEvent::hasSignalExternalWorkflowExecutionInitiatedEventAttributes)
                                .noneMatch(e -> e.getSignalExternalWorkflowExecutionInitiatedEventAttributes()
                                        .getInput()
                                        .toString()
                                        .contains("PREPARED")),
                        db + ": its PREPARED report was not signalled");
            }
        }
    }

    @Test
    void aMemberTheCollectionDoesNotReachSignalsItsPreparedReportAfterAll() throws Exception {
        String stock = WaveSpecs.campaignId("erp-uncollected", "Stock");
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            it.uncollected.add(stock);
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-uncollected");
            wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(3)));
            DATABASES.forEach(db -> WaveChains.write(it, db, 3));
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(60, TimeUnit.SECONDS, WaveReport.class);

            assertEquals(WavePhase.COMPLETED, report.phase());
            assertEquals(3, WaveChains.lastJobs(it), "one final each");
            List<String> signalled = preparedSignalsBeforeCommit(
                    it.client.fetchHistory("erp-uncollected").getEvents());
            assertEquals(1, signalled.size(), signalled.toString());
            assertTrue(signalled.get(0).contains(stock), "Stock held its report, then signalled it: " + signalled);
        }
    }

    /** The PREPARED reports members signalled to their wave before its commit. */
    private static List<String> preparedSignalsBeforeCommit(List<HistoryEvent> waveHistory) {
        return signalsBeforeCommit(waveHistory).stream()
                .filter(input -> input.contains("PREPARED"))
                .toList();
    }

    /** The signals (their input) the wave took before it signalled the commit. */
    private static List<String> signalsBeforeCommit(List<HistoryEvent> waveHistory) {
        return waveHistory.stream()
                .takeWhile(e -> !(e.hasSignalExternalWorkflowExecutionInitiatedEventAttributes()
                        && e.getSignalExternalWorkflowExecutionInitiatedEventAttributes()
                                .getSignalName()
                                .equals("commit")))
                .filter(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
                .map(e -> e.getWorkflowExecutionSignaledEventAttributes()
                        .getInput()
                        .toString())
                .toList();
    }

    private static boolean update(HistoryEvent event, String name) {
        return event.hasWorkflowExecutionUpdateAcceptedEventAttributes()
                && event.getWorkflowExecutionUpdateAcceptedEventAttributes()
                        .getAcceptedRequest()
                        .getInput()
                        .getName()
                        .equals(name);
    }

    @Test
    void aMemberBlockedDuringPrepareHoldsBackEveryFinalUntilItIsFixed() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-block");
            wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(4)));
            for (String db : DATABASES) {
                if (db.equals("Billing")) {
                    // Billing's log 3 starts past its log 2's end: a log between them is missing, and
                    // log 3's job fails on the LSN gap before Billing's final.
                    WaveChains.put(it, WaveChains.key(db, "LOG", 3), new BackupHeader(db, BackupType.LOG, 350, 400));
                } else {
                    WaveChains.write(it, db, 3);
                }
                WaveChains.write(it, db, 4);
            }
            WaveStatus blocked = it.awaitWave("erp-block", s -> s.phase() == WavePhase.BLOCKED, STEP, 30);
            assertTrue(blocked.blocking().toString().contains("erp-block-billing"), blocked.toString());
            assertEquals(0, WaveChains.lastJobs(it), "no final anywhere while Billing is blocked");

            String link = WaveChains.prefix("Billing") + "SQL01_Billing_LOG_20261128_120230.trn";
            WaveChains.put(it, link, new BackupHeader("Billing", BackupType.LOG, 300, 350));
            // The missing log has settled (two minutes by the spec's timing) when the operator
            // retries: a retry before that would not take it, and would fail on the same gap.
            it.env.sleep(Duration.ofSeconds(CampaignSpecs.DEFAULT_TIMING.settleSeconds() + 60));
            it.campaign(WaveSpecs.campaignId("erp-block", "Billing")).retry();
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(60, TimeUnit.SECONDS, WaveReport.class);

            assertEquals(WavePhase.COMPLETED, report.phase());
            assertEquals(3, WaveChains.lastJobs(it));
        }
    }

    /**
     * A final that fails after the commit blocks the wave naming its member; the report says
     * truthfully which members are online.
     */
    @Test
    void aFinalFailingAfterTheCommitBlocksTheWaveAndTheReportSaysWhoIsOnline() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-late");
            wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(3)));
            WaveChains.write(it, "Orders", 3);
            WaveChains.write(it, "Stock", 3);
            // Billing's final starts past its log 2's end: the gap shows only when its job runs.
            WaveChains.put(
                    it, WaveChains.key("Billing", "LOG", 3), new BackupHeader("Billing", BackupType.LOG, 350, 400));

            WaveStatus blocked = it.awaitWave("erp-late", s -> s.phase() == WavePhase.BLOCKED, STEP, 30);
            assertTrue(blocked.blocking().toString().contains("erp-late-billing"), blocked.toString());
            wave.abort(new AbortRequest("Billing cannot come online tonight"));
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(60, TimeUnit.SECONDS, WaveReport.class);

            assertEquals(WavePhase.ABORTED, report.phase());
            assertEquals(-1, report.downtimeMillis(), "not every member came online");
            Map<String, Phase> phases = new LinkedHashMap<>();
            report.members().forEach(m -> phases.put(m.campaignId(), m.phase()));
            assertEquals(
                    Map.of(
                            "erp-late-orders", Phase.COMPLETED,
                            "erp-late-billing", Phase.ABORTED,
                            "erp-late-stock", Phase.COMPLETED),
                    phases);
        }
    }

    @Test
    void aCancelledWaveCutoverSendsNoFinalAndEveryMemberCatchesUpAgain() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-cancel");
            wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(3)));
            WaveChains.write(it, "Orders", 3);
            it.awaitWave("erp-cancel", s -> s.members().stream().anyMatch(m -> m.phase() == Phase.PREPARED), STEP, 30);

            wave.cancelCutover();
            WaveChains.write(it, "Billing", 3);
            WaveChains.write(it, "Stock", 3);
            for (String db : DATABASES) {
                it.awaitStatus(WaveSpecs.campaignId("erp-cancel", db), s -> s.appliedCount() == 3, STEP, 30);
            }
            WaveStatus status = it.awaitWave(
                    "erp-cancel",
                    s -> s.phase() == WavePhase.CATCHING_UP
                            && s.members().stream().allMatch(m -> m.phase() == Phase.CATCHING_UP),
                    STEP,
                    10);
            assertEquals(-1, status.cutoverRequestedMillis());
            assertEquals(0, WaveChains.lastJobs(it), "the held final went in as a log backup");
            wave.abort(new AbortRequest("test over"));
        }
    }

    @Test
    void aCutoverIsRefusedNamingEachMemberThatCannotTakeIt() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-refused");
            it.campaign(WaveSpecs.campaignId("erp-refused", "Stock")).pause();
            it.awaitWave("erp-refused", s -> s.members().stream().anyMatch(m -> m.phase() == Phase.PAUSED), STEP, 10);
            Map<String, String> finals = WaveChains.finals(3);
            finals.put("Payroll", "x.trn");

            WorkflowUpdateException refused = assertThrows(
                    WorkflowUpdateException.class, () -> wave.requestCutover(new WaveCutoverRequest(finals)));

            String message = refused.getCause().getMessage();
            assertTrue(message.contains("Payroll: no member of the wave has this database"), message);
            assertTrue(message.contains("erp-refused-stock: paused"), message);
            assertEquals(-1, PatientQuery.ask(wave::status).cutoverRequestedMillis());
            wave.abort(new AbortRequest("test over"));
        }
    }

    /**
     * A member judges its own final (the wave cannot: it does not know the member's chain): one
     * that refuses is named with its reason in the answer, no final goes out anywhere, and a
     * cancel of the wave's cutover clears the refusal.
     */
    @Test
    void aMemberThatRefusesItsFinalIsNamedInTheAnswerAndNoFinalGoesOut() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-member-refuses");
            Map<String, String> finals = WaveChains.finals(3);
            String restored = WaveChains.name(WaveChains.key("Orders", "LOG", 1));
            finals.put("Orders", restored);

            WaveStatus answer = wave.requestCutover(new WaveCutoverRequest(finals));

            String orders = WaveSpecs.campaignId("erp-member-refuses", "Orders");
            assertEquals(1, answer.blocking().size(), answer.toString());
            assertTrue(
                    answer.blocking().get(0).startsWith(orders + ": final backup " + restored),
                    answer.blocking().toString());
            assertEquals(
                    List.of(false, true, true),
                    answer.members().stream().map(MemberReport::cutoverAccepted).toList());
            WaveChains.write(it, "Billing", 3);
            WaveChains.write(it, "Stock", 3);
            awaitPrepared(it, "erp-member-refuses", 2);
            it.env.sleep(Duration.ofMinutes(10));
            assertEquals(0, WaveChains.lastJobs(it), "no final while a member refused the request");

            wave.cancelCutover();
            for (String db : List.of("Billing", "Stock")) {
                it.awaitStatus(WaveSpecs.campaignId("erp-member-refuses", db), s -> s.cutover() == null, STEP, 10);
            }
            // Orders, which never took the request, is not told to cancel it (it would show the
            // cancel refused, and the wave would list that as blocking).
            it.env.sleep(STEP);
            WaveStatus after = it.awaitWave("erp-member-refuses", s -> s.phase() == WavePhase.CATCHING_UP, STEP, 10);
            assertEquals(List.of(), after.blocking());
            wave.abort(new AbortRequest("test over"));
        }
    }

    /** A member the wave's asks by update did not reach is asked by signal, and answers so. */
    @Test
    void aMemberTheUpdateDidNotReachIsAskedBySignal() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            String stock = WaveSpecs.campaignId("erp-unreached", "Stock");
            it.unreachedByUpdate.add(stock);
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-unreached");

            WaveStatus answer = wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(3)));

            assertTrue(answer.members().stream().allMatch(MemberReport::cutoverAccepted), answer.toString());
            List<HistoryEvent> stockEvents = it.client.fetchHistory(stock).getEvents();
            assertEquals(
                    0,
                    stockEvents.stream()
                            .filter(WaveIntegrationTest::cutoverRequestUpdate)
                            .count());
            assertEquals(
                    1,
                    stockEvents.stream()
                            .filter(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
                            .filter(e -> e.getWorkflowExecutionSignaledEventAttributes()
                                    .getSignalName()
                                    .equals("cutover"))
                            .count(),
                    "Stock was asked by signal");
            DATABASES.forEach(db -> WaveChains.write(it, db, 3));
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(60, TimeUnit.SECONDS, WaveReport.class);
            assertEquals(WavePhase.COMPLETED, report.phase());
            assertEquals(3, WaveChains.lastJobs(it), "one final each");
        }
    }

    /**
     * The Temporal UI sends signals: the wave's cutover signal is refused in its status (it cannot
     * answer) while a member cannot take it, and goes through once it can.
     */
    @Test
    void theCutoverSignalIsRefusedInTheStatusThenTakenWhenEveryMemberCan() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-signal");
            String stock = WaveSpecs.campaignId("erp-signal", "Stock");
            it.campaign(stock).pause();
            it.awaitWave("erp-signal", s -> s.members().stream().anyMatch(m -> m.phase() == Phase.PAUSED), STEP, 10);

            wave.cutover(new WaveCutoverRequest(WaveChains.finals(3)));
            WaveStatus refused = it.awaitWave("erp-signal", s -> !s.blocking().isEmpty(), STEP, 10);
            assertTrue(
                    refused.blocking().get(0).startsWith("cutover signal rejected: erp-signal-stock: paused"),
                    refused.toString());
            assertEquals(-1, refused.cutoverRequestedMillis());

            it.campaign(stock).resume();
            it.awaitWave(
                    "erp-signal", s -> s.members().stream().allMatch(m -> m.phase() == Phase.CATCHING_UP), STEP, 10);
            wave.cutover(new WaveCutoverRequest(WaveChains.finals(3)));
            it.awaitWave("erp-signal", s -> s.members().stream().allMatch(MemberReport::cutoverAccepted), STEP, 10);
            DATABASES.forEach(db -> WaveChains.write(it, db, 3));
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(60, TimeUnit.SECONDS, WaveReport.class);

            assertEquals(WavePhase.COMPLETED, report.phase());
            assertEquals(3, WaveChains.lastJobs(it));
        }
    }

    @Test
    void membersGoOnWhenTheWaveIsTerminated() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-terminated");
            WorkflowStub.fromTyped(wave).terminate("operator terminated the wave");

            String orders = WaveSpecs.campaignId("erp-terminated", "Orders");
            WaveChains.write(it, "Orders", 3);
            it.awaitStatus(orders, s -> s.appliedCount() == 3, STEP, 30);
            it.campaign(orders).requestCutover(new CutoverRequest(WaveChains.name(WaveChains.key("Orders", "LOG", 4))));
            WaveChains.write(it, "Orders", 4);

            assertEquals(Phase.COMPLETED, it.result(orders).finalPhase(), "a member is a campaign of its own");
            for (String db : List.of("Billing", "Stock")) {
                assertEquals(
                        Phase.CATCHING_UP,
                        it.status(WaveSpecs.campaignId("erp-terminated", db)).phase());
                it.campaign(WaveSpecs.campaignId("erp-terminated", db)).abort(new AbortRequest("test over"));
            }
        }
    }
}
