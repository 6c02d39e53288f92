package io.cutover.campaign;

import static io.cutover.campaign.WaveChains.DATABASES;
import static io.cutover.campaign.WaveChains.STEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.cutover.wave.WaveState;
import io.cutover.wave.WaveStatus;
import io.cutover.wave.WaveWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The wave's limit of DRS jobs at once per target instance, its continue-as-new, and a cutover
 * racing a member's block, on the simulator's record. The simulator refuses a create beyond its own
 * limit (as DRS would, assumed: a 400), so a member that went past its turn would block on it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WaveTurnsAndRunsTest {

    /** Long enough, in wall-clock time, for the members' jobs to overlap if nothing held them back. */
    private static final Duration RESTORE_TIME = Duration.ofMillis(400);

    @Test
    void aTargetBoundToTwoJobsNeverRunsMoreAtOnceFinalsIncluded() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolderWithJobLimit(RESTORE_TIME, 2)) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, WaveChains.wave("erp-turns", 2), null);
            wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(3)));
            DATABASES.forEach(db -> WaveChains.write(it, db, 3));
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(120, TimeUnit.SECONDS, WaveReport.class);

            assertEquals(WavePhase.COMPLETED, report.phase(), report::toString);
            List<SimulatedJob> jobs = it.simulator.jobs();
            assertEquals(12, jobs.size(), "a full, two logs and a final per member, none refused: " + jobs);
            assertTrue(jobs.stream().allMatch(job -> job.status().equals("SUCCESS")), jobs::toString);
            assertTrue(mostAtOnce(jobs) <= 2, "more than 2 jobs at once: " + jobs);
            assertEquals(3, WaveChains.lastJobs(it));
            assertEquals(12, signals(it.client.fetchHistory("erp-turns"), "jobTurnWanted"), "every job took its turn");
            assertTrue(
                    it.submittedTogether.isEmpty(),
                    "a bounded target's finals take their turns: none made by the wave");
        }
    }

    /**
     * A wave whose history passes its threshold goes on as a new run: the turns, the members' reports
     * and the cutover carry over, and the members' ends reach it by their reports (the children's
     * results went with the first run).
     */
    @Test
    void aWaveContinuedAsNewCarriesItsTurnsAndLearnsEachMembersEnd() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolderWithJobLimit(RESTORE_TIME, 1)) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, WaveChains.wave("erp-runs", 1), WaveState.first(60));
            assertTrue(PatientQuery.ask(wave::status).runNumber() >= 2, "the wave continued as new while catching up");
            wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(3)));
            DATABASES.forEach(db -> WaveChains.write(it, db, 3));
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(120, TimeUnit.SECONDS, WaveReport.class);

            assertEquals(WavePhase.COMPLETED, report.phase(), report::toString);
            assertTrue(
                    report.members().stream().allMatch(m -> m.onlineMillis() > 0 && m.downtimeMillis() > 0),
                    report::toString);
            assertTrue(report.downtimeMillis() > 0);
            List<SimulatedJob> jobs = it.simulator.jobs();
            assertEquals(12, jobs.size(), jobs::toString);
            assertTrue(jobs.stream().allMatch(job -> job.status().equals("SUCCESS")), jobs::toString);
            assertEquals(1, mostAtOnce(jobs), "one job at a time on the target: " + jobs);
            assertEquals(3, WaveChains.lastJobs(it));
            List<WorkflowExecutionHistory> runs = CampaignHistories.of(it.client, "erp-runs");
            assertTrue(runs.size() >= 3, "runs: " + runs.size());
            System.out.println("erp-runs: runs of "
                    + runs.stream().map(r -> r.getEvents().size()).toList() + " events");
            for (WorkflowExecutionHistory run : runs.subList(0, runs.size() - 1)) {
                // The threshold, plus what arrives while the run waits to go on as new: until the
                // cutover's answer (which waits for the members) is given and no signal is in flight.
                assertTrue(
                        run.getEvents().size() < 2 * 60,
                        "a run of " + run.getEvents().size() + " events");
            }
        }
    }

    /**
     * A member terminated by hand after its wave continued as new (so the wave no longer has its
     * child's result, and the member never reported an end): the wave's next signal to it, here the
     * operator's abort, cannot be delivered, so the member counts as ABORTED, saying why, and the
     * wave ends instead of waiting for it for ever.
     */
    @Test
    void aMemberTerminatedByHandAfterTheWaveContinuedAsNewIsTakenAsGoneAtTheNextSignal() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolderWithJobLimit(RESTORE_TIME, 1)) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, WaveChains.wave("erp-gone", 1), WaveState.first(60));
            assertTrue(PatientQuery.ask(wave::status).runNumber() >= 2, "the wave continued as new while catching up");
            String billing = WaveSpecs.campaignId("erp-gone", "Billing");
            it.client.newUntypedWorkflowStub(billing).terminate("terminated by hand");

            wave.abort(new AbortRequest("the cutover moves to next weekend"));
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(60, TimeUnit.SECONDS, WaveReport.class);

            assertEquals(WavePhase.ABORTED, report.phase(), report::toString);
            MemberReport gone = report.members().stream()
                    .filter(m -> m.campaignId().equals(billing))
                    .findFirst()
                    .orElseThrow();
            assertEquals(Phase.ABORTED, gone.phase(), gone::toString);
            assertTrue(gone.blockedReason().contains("no signal reaches its workflow"), gone::toString);
            assertTrue(
                    report.members().stream().allMatch(m -> m.phase() == Phase.ABORTED),
                    "the others took the abort: " + report);
        }
    }

    /**
     * The cutover is asked while a member's log job is failing: whichever reaches the wave first, no
     * final goes out anywhere until the member is fixed (the update is refused naming the member, or
     * taken and the wave blocks on it), and then every member gets exactly one.
     */
    @Test
    void aCutoverRacingAMembersBlockSendsNoFinalUntilTheMemberIsFixed() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            WaveWorkflow wave = WaveChains.startCaughtUp(it, "erp-race");
            // Billing's log 3 starts past its log 2's end: its job fails on the LSN gap.
            WaveChains.put(
                    it, WaveChains.key("Billing", "LOG", 3), new BackupHeader("Billing", BackupType.LOG, 350, 400));
            WaveChains.write(it, "Orders", 3);
            WaveChains.write(it, "Stock", 3);
            boolean taken;
            try {
                wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(4)));
                taken = true;
            } catch (WorkflowUpdateException refused) {
                assertTrue(
                        String.valueOf(refused.getCause().getMessage()).contains("erp-race-billing: blocked"),
                        refused.getCause().getMessage());
                taken = false;
            }
            WaveStatus blocked = it.awaitWave("erp-race", s -> s.phase() == WavePhase.BLOCKED, STEP, 30);
            assertTrue(blocked.blocking().toString().contains("erp-race-billing"), blocked.toString());
            DATABASES.forEach(db -> WaveChains.write(it, db, 4));
            it.env.sleep(Duration.ofMinutes(10));
            assertEquals(
                    0, WaveChains.lastJobs(it), "no final anywhere while Billing is blocked (taken: " + taken + ")");

            String link = WaveChains.prefix("Billing") + "SQL01_Billing_LOG_20261128_120230.trn";
            WaveChains.put(it, link, new BackupHeader("Billing", BackupType.LOG, 300, 350));
            // The missing log has settled (two minutes by the spec's timing) when the operator retries.
            it.env.sleep(Duration.ofSeconds(CampaignSpecs.DEFAULT_TIMING.settleSeconds() + 60));
            it.campaign(WaveSpecs.campaignId("erp-race", "Billing")).retry();
            if (!taken) {
                it.awaitWave("erp-race", s -> s.phase() == WavePhase.CATCHING_UP, STEP, 30);
                wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(5)));
                DATABASES.forEach(db -> WaveChains.write(it, db, 5));
            }
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(60, TimeUnit.SECONDS, WaveReport.class);

            assertEquals(WavePhase.COMPLETED, report.phase(), report::toString);
            assertEquals(3, WaveChains.lastJobs(it), "one final each");
        }
    }

    /**
     * Records the histories the workflows module replays in every build: a wave bound to one job at
     * a time whose history continues as new (replay-wave-turns-run1, -run2, ...) and one of its
     * members (replay-wave-turns-member-orders-run1), with production's activity options. Run by
     * hand: {@code mvn -pl activities test -Dtest=WaveTurnsAndRunsTest -DrecordHistories=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "recordHistories", matches = "true")
    void recordWaveWithTurnsAndRuns() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolderAsInProduction()) {
            WaveWorkflow wave =
                    WaveChains.startCaughtUp(it, WaveChains.wave("replay-wave-turns", 1), WaveState.first(60));
            wave.requestCutover(new WaveCutoverRequest(WaveChains.finals(3)));
            DATABASES.forEach(db -> WaveChains.write(it, db, 3));
            assertEquals(
                    WavePhase.COMPLETED,
                    WorkflowStub.fromTyped(wave)
                            .getResult(60, TimeUnit.SECONDS, WaveReport.class)
                            .phase());
            WaveChains.saveHistories(it, "replay-wave-turns");
        }
    }

    /** The most jobs TRANSFERRING at one instant, by their create and finish times. */
    private static int mostAtOnce(List<SimulatedJob> jobs) {
        List<long[]> edges = new ArrayList<>();
        for (SimulatedJob job : jobs) {
            Instant end = job.finishTime() == null ? Instant.MAX : job.finishTime();
            edges.add(new long[] {job.createTime().toEpochMilli() * 2 + 1, 1});
            edges.add(new long[] {end.toEpochMilli() * 2, -1});
        }
        // A job ending at the instant another is made has freed its place first.
        edges.sort((a, b) -> Long.compare(a[0], b[0]));
        int now = 0;
        int most = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            most = Math.max(most, now);
        }
        return most;
    }

    private static long signals(WorkflowExecutionHistory history, String name) {
        return history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                .map(HistoryEvent::getWorkflowExecutionSignaledEventAttributes)
                .filter(a -> a.getSignalName().equals(name))
                .count();
    }
}
