package io.cutover.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.Phase;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.Timing;
import io.cutover.spec.WaveSpec;
import io.cutover.spec.WaveSpec.WaveMember;
import io.cutover.spec.WaveSpecs;
import io.cutover.wave.MemberReport;
import io.cutover.wave.WavePhase;
import io.cutover.wave.WaveReport;
import io.cutover.wave.WaveStatus;
import io.cutover.wave.WaveWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A wave on the real dev server, the worker and the simulator as their own processes: its members'
 * feeds, its start once every member has caught up, and the two all-or-nothing scenarios the e2e
 * tests and the fault suite run (the worker killed in prepare and in commit; a member failing in
 * prepare), each measured on the simulator's record.
 */
public final class WaveRun implements AutoCloseable {

    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(90);
    /** A SIGKILLed activity attempt is retried after its start-to-close timeout (2 min) at worst. */
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(240);

    private final E2eEnvironment env;
    private final String waveId;
    private final String target;
    private final List<String> databases;
    private final Map<String, BackupFeed> feeds = new LinkedHashMap<>();
    private final WaveWorkflow wave;

    /**
     * What one scenario left on the simulator's record.
     *
     * @param phase how the wave ended
     * @param finalsPerMember each member's is_last_backup jobs, by database
     * @param finalsBeforeAllHeld finals created before every member's final was in the bucket
     * @param finalsWhileBlocked finals created while a member was blocked in prepare
     * @param failedJobs jobs that did not end in SUCCESS
     * @param killedInCommit whether the second kill came while the wave committed
     * @param downtimeMillis the wave's request to its last member online
     */
    public record Figures(
            WavePhase phase,
            Map<String, Long> finalsPerMember,
            long finalsBeforeAllHeld,
            long finalsWhileBlocked,
            long failedJobs,
            boolean killedInCommit,
            long downtimeMillis) {}

    private WaveRun(E2eEnvironment env, String waveId, String target, List<String> databases) {
        this.env = env;
        this.waveId = waveId;
        this.target = target;
        this.databases = databases;
        databases.forEach(db -> feeds.put(db, env.feed(db, Duration.ofMillis(1500), 200)));
        CampaignSpec defaults =
                CampaignRun.spec("unused", target, feeds.get(databases.get(0)), new Timing(1, 1, 60, 1000, 1));
        List<WaveMember> members = databases.stream()
                .map(db ->
                        new WaveMember(db, feeds.get(db).prefix(), feeds.get(db).fullKey()))
                .toList();
        wave = env.client.newWorkflowStub(
                WaveWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(waveId)
                        .setTaskQueue(WorkerProcess.TASK_QUEUE)
                        .setWorkflowRunTimeout(Duration.ofMinutes(10))
                        .build());
        WorkflowClient.start(wave::run, new WaveSpec(waveId, defaults, members), null);
    }

    /** Starts a wave of these databases on one target and waits until every member caught up. */
    public static WaveRun startCaughtUp(E2eEnvironment env, String waveId, String target, List<String> databases) {
        WaveRun run = new WaveRun(env, waveId, target, databases);
        for (String db : databases) {
            CampaignWorkflow member =
                    env.client.newWorkflowStub(CampaignWorkflow.class, WaveSpecs.campaignId(waveId, db));
            Waits.until(db + " caught up", PROGRESS_TIMEOUT, () -> appliedCount(member) >= 2);
        }
        Waits.until(
                "every member catching up",
                PROGRESS_TIMEOUT,
                () -> run.phase() != null
                        && run.wave.status().members().stream().allMatch(m -> m.phase() == Phase.CATCHING_UP));
        return run;
    }

    public WaveWorkflow wave() {
        return wave;
    }

    /**
     * The cutover by {@code temporal workflow update execute} ("the next log backup" for every
     * member), the worker SIGKILLed right after it (during prepare) and again once the wave
     * commits, if the commit is not over by then.
     */
    public Figures cutOverThroughTwoWorkerKills() throws Exception {
        requestCutover("{\"finals\":{}}");
        env.worker.kill();
        Waits.pause(Duration.ofSeconds(2));
        env.worker.startAgain();
        Waits.until("the wave commits", RECOVERY_TIMEOUT, Duration.ofMillis(20), () -> {
            WavePhase phase = phase();
            return phase == WavePhase.COMMITTING || phase == WavePhase.COMPLETED;
        });
        boolean killedInCommit = phase() == WavePhase.COMMITTING;
        if (killedInCommit) {
            env.worker.kill();
            Waits.pause(Duration.ofSeconds(1));
            env.worker.startAgain();
        }
        WaveReport report = result();
        return figures(report, lastFinalUploaded(report), killedInCommit);
    }

    /**
     * The cutover names each member's final two logs ahead; one member's copy job then loses the
     * log before its final, so that member's restore fails on the LSN gap during prepare. Measured
     * while it is blocked (no final anywhere), then the lost log is uploaded and the member retried.
     */
    public Figures oneMemberFailingInPrepare(String failing) throws Exception {
        // The operator takes the last logs by hand from now on: each feed's schedule stops.
        feeds.values().forEach(BackupFeed::close);
        // Named before they are taken, so that no member can apply its final as an ordinary log.
        Map<String, String> finals = new LinkedHashMap<>();
        for (String db : databases) {
            finals.put(db, fileName(feeds.get(db).logKeyAhead(db.equals(failing) ? 3 : 2)));
        }
        StringBuilder json = new StringBuilder();
        finals.forEach((db, file) -> json.append(json.length() == 0 ? "" : ",")
                .append('"')
                .append(db)
                .append("\":\"")
                .append(file)
                .append('"'));
        requestCutover("{\"finals\":{" + json + "}}");
        for (String db : databases) {
            BackupFeed feed = feeds.get(db);
            if (db.equals(failing)) {
                feed.writeAfterAGapNow();
            } else {
                feed.writeNextLogNow();
            }
            feed.writeNextLogNow();
        }
        String member = WaveSpecs.campaignId(waveId, failing);
        Waits.until(
                "the wave blocks on " + failing,
                PROGRESS_TIMEOUT,
                () -> phase() == WavePhase.BLOCKED
                        && wave.status().blocking().toString().contains(member));
        // Long enough for every other member to have staged and held its final.
        Waits.until("the others hold their finals", PROGRESS_TIMEOUT, () -> heldByOthers(member));
        long whileBlocked = finals();
        feeds.get(failing).writeWithheldNow();
        env.client.newWorkflowStub(CampaignWorkflow.class, member).retry();
        WaveReport report = result();
        Figures figures = figures(report, Instant.EPOCH, false);
        return new Figures(
                figures.phase(),
                figures.finalsPerMember(),
                figures.finalsBeforeAllHeld(),
                whileBlocked,
                figures.failedJobs(),
                false,
                figures.downtimeMillis());
    }

    private boolean heldByOthers(String blocked) {
        WaveStatus status = wave.status();
        return status.members().stream()
                .filter(m -> !m.campaignId().equals(blocked))
                .allMatch(m -> m.phase() == Phase.PREPARED);
    }

    private void requestCutover(String json) {
        env.temporal.cli(
                "workflow", "update", "execute", "--workflow-id", waveId, "--name", "requestCutover", "--input", json);
    }

    private WaveReport result() throws Exception {
        return WorkflowStub.fromTyped(wave)
                .getResult(RECOVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, WaveReport.class);
    }

    private Instant lastFinalUploaded(WaveReport report) {
        Instant last = Instant.EPOCH;
        for (MemberReport member : report.members()) {
            String db = databases.stream()
                    .filter(d -> member.campaignId().equals(WaveSpecs.campaignId(waveId, d)))
                    .findFirst()
                    .orElseThrow();
            Instant uploaded = feeds.get(db).writtenAt(member.finalChosen());
            last = uploaded != null && uploaded.isAfter(last) ? uploaded : last;
        }
        return last;
    }

    /** The simulator's record of this wave's target, against the moments that matter. */
    private Figures figures(WaveReport report, Instant allHeldAt, boolean killedInCommit) {
        Map<String, Long> perMember = new LinkedHashMap<>();
        databases.forEach(db -> perMember.put(db, 0L));
        long early = 0;
        long failed = 0;
        for (JsonNode job : env.simulator.jobsOf(target)) {
            if (!job.path("status").asText().equals("SUCCESS")) {
                failed++;
            }
            if (job.path("is_last_backup").asBoolean()) {
                Instant created = Instant.parse(job.path("create_time").asText());
                early += created.isBefore(allHeldAt) ? 1 : 0;
                for (String db : databases) {
                    if (job.path("databases").toString().contains("\"" + db + "\"")) {
                        perMember.merge(db, 1L, Long::sum);
                    }
                }
            }
        }
        return new Figures(report.phase(), perMember, early, 0, failed, killedInCommit, report.downtimeMillis());
    }

    /** Finals on the simulator's record for this wave's target, now. */
    private long finals() {
        long finals = 0;
        for (JsonNode job : env.simulator.jobsOf(target)) {
            finals += job.path("is_last_backup").asBoolean() ? 1 : 0;
        }
        return finals;
    }

    /** The wave's phase, or null while no worker answers its query. */
    public WavePhase phase() {
        try {
            return wave.status().phase();
        } catch (RuntimeException noWorkerYet) {
            return null;
        }
    }

    private static int appliedCount(CampaignWorkflow member) {
        try {
            return member.status().appliedCount();
        } catch (RuntimeException notStartedYet) {
            return -1;
        }
    }

    private static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public void close() {
        feeds.values().forEach(BackupFeed::close);
    }
}
