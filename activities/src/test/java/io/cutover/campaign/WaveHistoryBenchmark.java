package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cutover.spec.CampaignSpec;
import io.cutover.spec.TargetSpec;
import io.cutover.spec.WaveSpec;
import io.cutover.spec.WaveSpec.WaveMember;
import io.cutover.spec.WaveSpecs;
import io.cutover.wave.WaveCutoverRequest;
import io.cutover.wave.WavePhase;
import io.cutover.wave.WaveReport;
import io.cutover.wave.WaveState;
import io.cutover.wave.WaveWorkflow;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How a wave's own history grows, and that continue-as-new bounds it: a wave of
 * {@code -Dbench.waveMembers} members (default 50), each restoring its full and
 * {@code -Dbench.waveLogs} logs (default 6) then its final, once with no limit of jobs per target
 * and once bounded ({@code target.maxRunningJobs} 10), on the test server with the real activities.
 * Prints the wave's events per run, per member and per job, and what they come to for a wave of 50
 * members taking a log backup every 5 minutes for two weeks. Run by hand:
 * {@code mvn -pl activities test -Dtest=WaveHistoryBenchmark -Dbench.waveHistory=true}.
 */
@EnabledIfSystemProperty(named = "bench.waveHistory", matches = "true")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class WaveHistoryBenchmark {

    private static final int MEMBERS = Integer.getInteger("bench.waveMembers", 50);
    private static final int LOGS = Integer.getInteger("bench.waveLogs", 6);
    /** Low enough that the bounded wave continues as new several times within the run. */
    private static final long THRESHOLD = Long.getLong("bench.waveThreshold", 2_000);

    private static final long TWO_WEEKS_OF_LOGS = 14L * 24 * 12;

    @Test
    void waveHistoryWithoutAndWithALimitOfJobsPerTarget() throws Exception {
        project("no limit", measure("no limit", null, LOGS), measure("no limit", null, 2 * LOGS));
        project(
                "at most 10 jobs at once",
                measure("at most 10 jobs at once", 10, LOGS),
                measure("at most 10 jobs at once", 10, 2 * LOGS));
    }

    /** One wave's figures: its jobs and its own history's events. */
    private record Measured(long jobs, long events) {}

    /**
     * What the wave's history comes to over two weeks: the events a job adds at the margin (between
     * the two measured sizes) times the jobs, on top of the smaller wave's.
     */
    private static void project(String label, Measured small, Measured large) {
        double perJob = (double) (large.events() - small.events()) / (large.jobs() - small.jobs());
        long projectedJobs = MEMBERS * (TWO_WEEKS_OF_LOGS + 2);
        long projected = small.events() + Math.round(perJob * (projectedJobs - small.jobs()));
        System.out.printf(
                "%nwave history, %s: %.2f events per extra job; two weeks of a log every 5 min for %d members:"
                        + " %,d jobs, about %,d wave events, %,d runs of at most %,d events (the default threshold)%n",
                label,
                perJob,
                MEMBERS,
                projectedJobs,
                projected,
                Math.max(
                        1,
                        (projected + WaveState.CONTINUE_AS_NEW_AFTER_EVENTS - 1)
                                / WaveState.CONTINUE_AS_NEW_AFTER_EVENTS),
                WaveState.CONTINUE_AS_NEW_AFTER_EVENTS);
    }

    private Measured measure(String label, Integer maxRunningJobs, int logs) throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            List<String> databases = IntStream.range(0, MEMBERS)
                    .mapToObj(i -> String.format("Db%02d", i))
                    .toList();
            for (String db : databases) {
                for (int log = 0; log <= logs; log++) {
                    WaveChains.write(it, db, log);
                }
            }
            String waveId = (maxRunningJobs == null ? "history-free-" : "history-bounded-") + logs;
            long started = System.nanoTime();
            WaveWorkflow wave = it.startWave(spec(waveId, databases, maxRunningJobs), WaveState.first(THRESHOLD));
            it.awaitWave(
                    waveId,
                    s -> s.members().stream().noneMatch(m -> m.phase() == Phase.VALIDATING),
                    Duration.ofMinutes(1),
                    120);
            for (String db : databases) {
                it.awaitStatus(
                        WaveSpecs.campaignId(waveId, db), s -> s.appliedCount() == logs, Duration.ofMinutes(1), 600);
            }
            Map<String, String> finals = new LinkedHashMap<>();
            databases.forEach(db -> finals.put(db, WaveChains.name(WaveChains.key(db, "LOG", logs + 1))));
            wave.requestCutover(new WaveCutoverRequest(finals));
            databases.forEach(db -> WaveChains.write(it, db, logs + 1));
            WaveReport report = WorkflowStub.fromTyped(wave).getResult(20, TimeUnit.MINUTES, WaveReport.class);
            assertEquals(WavePhase.COMPLETED, report.phase());
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

            List<WorkflowExecutionHistory> runs = CampaignHistories.of(it.client, waveId);
            long events = runs.stream().mapToLong(r -> r.getEvents().size()).sum();
            long longest =
                    runs.stream().mapToLong(r -> r.getEvents().size()).max().orElse(0);
            long jobs = it.simulator.jobs().size();
            System.out.printf(
                    "%nwave history, %s: %d members, %d jobs (a full, %d logs and a final each), %d s:"
                            + " wave events %d in %d runs (longest %d; continue-as-new after %d), %.1f per member%n",
                    label,
                    MEMBERS,
                    jobs,
                    logs,
                    seconds,
                    events,
                    runs.size(),
                    longest,
                    THRESHOLD,
                    (double) events / MEMBERS);
            return new Measured(jobs, events);
        }
    }

    private static WaveSpec spec(String waveId, List<String> databases, Integer maxRunningJobs) {
        CampaignSpec shared = WaveChains.wave(waveId).defaults();
        CampaignSpec defaults = shared.withTarget(new TargetSpec(IntegrationEnvironment.TARGET, null, maxRunningJobs));
        List<WaveMember> members = databases.stream()
                .map(db -> new WaveMember(db, WaveChains.prefix(db), WaveChains.key(db, "FULL", 0)))
                .toList();
        return new WaveSpec(waveId, defaults, members);
    }
}
