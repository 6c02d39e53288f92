package io.cutover.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.CutoverPlan;
import io.cutover.campaign.CutoverRequest;
import io.cutover.e2e.BackupFeed;
import io.cutover.e2e.CampaignRun;
import io.cutover.e2e.E2eEnvironment;
import io.cutover.e2e.Waits;
import io.cutover.e2e.WorkerProcess;
import io.cutover.spec.CampaignSpecs;
import io.cutover.spec.Timing;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Issue 13's figures, with the product's default timing (poll 60 s, settle 120 s, final watch 1 s)
 * on the real Temporal dev server, the worker jar and the simulator as their own processes and
 * the bucket on s3proxy: (a) the tail-log backup uploaded some seconds after the cutover request
 * to the final job's create, (b) a backlog of log backups already in the bucket, each restored in
 * a fixed time, against the sum of those times, (c) DRS calls and bucket listings per
 * campaign-hour while nothing happens. It prints figures and asserts none: {@code mvn -Pbench
 * -Dbench.main=io.cutover.e2e.bench.LatencyBenchmark} (see docs/PERFORMANCE.md).
 */
public final class LatencyBenchmark {

    /** The product's defaults, as a campaign spec without its own timing gets them. */
    private static final Timing DEFAULTS = CampaignSpecs.DEFAULT_TIMING;

    private final E2eEnvironment env;

    private LatencyBenchmark(E2eEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) {
        Set<String> steps =
                Set.of(System.getProperty("bench.steps", "tail,idle,backlog").split(","));
        int cutovers = Integer.getInteger("bench.cutovers", 20);
        int tailDelaySeconds = Integer.getInteger("bench.tailDelaySeconds", 5);
        int backlog = Integer.getInteger("bench.backlog", 200);
        int backlogRestoreSeconds = Integer.getInteger("bench.backlogRestoreSeconds", 5);
        int idleCampaigns = Integer.getInteger("bench.idleCampaigns", 5);
        int idleMinutes = Integer.getInteger("bench.idleMinutes", 5);
        print("machine: " + Runtime.getRuntime().availableProcessors() + " cpus, java "
                + System.getProperty("java.version") + "; campaign timing: poll " + DEFAULTS.pollIntervalSeconds()
                + " s, settle " + DEFAULTS.settleSeconds() + " s, final watch "
                + DEFAULTS.finalWatchEvery().toMillis() + " ms (the product's defaults)");
        int exit = 0;
        try {
            if (steps.contains("tail") || steps.contains("idle")) {
                try (E2eEnvironment env = new E2eEnvironment("latency", Duration.ofMillis(500))) {
                    LatencyBenchmark bench = new LatencyBenchmark(env);
                    if (steps.contains("tail")) {
                        bench.tailToFinalCreate(cutovers, Duration.ofSeconds(tailDelaySeconds));
                    }
                    if (steps.contains("idle")) {
                        bench.idleCost(idleCampaigns, Duration.ofMinutes(idleMinutes));
                    }
                }
            }
            if (steps.contains("backlog")) {
                try (E2eEnvironment env =
                        new E2eEnvironment("latency-backlog", Duration.ofSeconds(backlogRestoreSeconds))) {
                    new LatencyBenchmark(env).backlog(backlog, Duration.ofSeconds(backlogRestoreSeconds));
                }
            }
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            exit = 1;
        }
        // Temporal's client and s3proxy leave non-daemon threads behind: end the JVM explicitly.
        System.exit(exit);
    }

    // ---- (a) Tail-log upload -> final create ---------------------------------------------------

    /**
     * Each campaign has applied its full and one log. The operator requests the cutover naming
     * the tail-log backup, takes it {@code delay} later and uploads it; the figure runs from the
     * end of the upload to the create of the final job on the simulator's record.
     */
    private void tailToFinalCreate(int count, Duration delay) {
        print("== (a) tail-log backup uploaded " + delay.toSeconds() + " s after requestCutover -> final create, "
                + count + " cutovers, DRS restoring each job in 0.5 s");
        List<Campaign> campaigns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            campaigns.add(start("latency-tail-" + i, env.feed("DbTail" + i, 1, Duration.ofHours(1), 2)));
        }
        for (Campaign campaign : campaigns) {
            await(campaign.id + ": full and first log", Duration.ofMinutes(5), () -> succeeded(campaign) >= 2);
        }
        List<Long> latencies = new ArrayList<>();
        for (Campaign campaign : campaigns) {
            String tail = campaign.feed.nextLogKey();
            env.client
                    .newUntypedWorkflowStub(campaign.id)
                    .update("requestCutover", CutoverPlan.class, new CutoverRequest(tail));
            Waits.pause(delay);
            campaign.feed.writeNextLogNow();
            Instant uploaded = Instant.now();
            await(campaign.id + ": the final job", Duration.ofMinutes(5), () -> finalCreate(campaign) != null);
            latencies.add(Duration.between(uploaded, finalCreate(campaign)).toMillis());
        }
        print("tail-log upload -> final create: " + Stats.of(latencies) + "  (target p99 <= 5000 ms)");
    }

    // ---- (b) A backlog already in the bucket ---------------------------------------------------

    /**
     * One campaign whose full and {@code logs} log backups are all in the bucket at its start,
     * each job taking {@code restoreTime} on DRS: the wall time to the last job's end against the
     * sum of the restore times, and the gap between one job's end and the next one's create.
     */
    private void backlog(int logs, Duration restoreTime) {
        print("== (b) backlog: the full and " + logs + " log backups in the bucket, DRS restoring each in "
                + restoreTime.toSeconds() + " s");
        BackupFeed feed = env.feed("DbBacklog", logs, Duration.ofHours(1), logs);
        Instant started = Instant.now();
        Campaign campaign = start("latency-backlog", feed);
        int jobs = logs + 1;
        await(
                campaign.id + ": " + jobs + " jobs",
                restoreTime.multipliedBy(jobs * 3L).plusMinutes(5),
                () -> succeeded(campaign) >= jobs);
        JsonNode made = env.simulator.jobsOf(campaign.target);
        Instant lastEnd =
                Instant.parse(made.get(made.size() - 1).path("finish_time").asText());
        List<Long> gaps = new ArrayList<>();
        for (int k = 1; k < made.size(); k++) {
            gaps.add(Duration.between(
                            Instant.parse(made.get(k - 1).path("finish_time").asText()),
                            Instant.parse(made.get(k).path("create_time").asText()))
                    .toMillis());
        }
        Duration wall = Duration.between(started, lastEnd);
        Duration restoring = restoreTime.multipliedBy(jobs);
        print(String.format(
                "%d jobs: wall %.1f s against %.1f s of restore time = %.2fx  (target <= 1.3x)",
                jobs,
                wall.toMillis() / 1000.0,
                restoring.toMillis() / 1000.0,
                wall.toMillis() / (double) restoring.toMillis()));
        print("one job's end -> the next job's create: " + Stats.of(gaps));
        env.client.newUntypedWorkflowStub(campaign.id).terminate("benchmark step over");
    }

    // ---- (c) The cost of waiting -------------------------------------------------------------

    /**
     * {@code count} campaigns caught up (full and one log applied) and then left alone for {@code
     * window}: DRS requests and bucket listings per campaign-hour.
     */
    private void idleCost(int count, Duration window) {
        print("== (c) idle: " + count + " campaigns caught up, nothing new for " + window.toMinutes() + " min");
        List<Campaign> campaigns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            campaigns.add(start("latency-idle-" + i, env.feed("DbIdle" + i, 1, Duration.ofHours(1), 1)));
        }
        for (Campaign campaign : campaigns) {
            await(campaign.id + ": caught up", Duration.ofMinutes(5), () -> succeeded(campaign) >= 2);
        }
        // Each campaign's bucket watch is now between listings; what follows is the idle cost alone.
        Waits.pause(Duration.ofSeconds(5));
        long listingsBefore = env.s3.listingsServed();
        int drsBefore = env.simulator.requestCount();
        Waits.pause(window);
        double campaignHours = count * window.toMillis() / 3_600_000.0;
        print(String.format(
                "per campaign-hour: %.1f bucket listings, %.1f DRS requests (poll interval %d s)",
                (env.s3.listingsServed() - listingsBefore) / campaignHours,
                (env.simulator.requestCount() - drsBefore) / campaignHours,
                DEFAULTS.pollIntervalSeconds()));
        for (Campaign campaign : campaigns) {
            env.client.newUntypedWorkflowStub(campaign.id).terminate("benchmark step over");
        }
    }

    // ---- Helpers -------------------------------------------------------------------------------

    private record Campaign(String id, String target, BackupFeed feed) {}

    private Campaign start(String id, BackupFeed feed) {
        String target = id.replace("-", "") + "in04";
        WorkflowStub stub = env.client.newUntypedWorkflowStub(
                CampaignWorkflow.TYPE,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(id)
                        .setTaskQueue(WorkerProcess.TASK_QUEUE)
                        .setWorkflowRunTimeout(Duration.ofHours(2))
                        .build());
        stub.start(CampaignRun.spec(id, target, feed, DEFAULTS), null);
        return new Campaign(id, target, feed);
    }

    private long succeeded(Campaign campaign) {
        return env.simulator.succeededJobs(campaign.target);
    }

    /** When the job with is_last_backup=true was created, or null before it. */
    private Instant finalCreate(Campaign campaign) {
        for (JsonNode job : env.simulator.jobsOf(campaign.target)) {
            if (job.path("is_last_backup").asBoolean()) {
                return Instant.parse(job.path("create_time").asText());
            }
        }
        return null;
    }

    private static void await(String what, Duration timeout, Supplier<Boolean> condition) {
        Waits.until(what, timeout, Duration.ofMillis(100), condition::get);
    }

    private static void print(String line) {
        System.out.println("[bench] " + line);
        System.out.flush();
    }
}
