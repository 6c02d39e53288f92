package io.cutover.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.BackupActivitiesImpl;
import io.cutover.backup.BackupStaging;
import io.cutover.backup.ObsBackupStore;
import io.cutover.backup.ObsStoreConfig;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.CutoverPlan;
import io.cutover.campaign.CutoverRequest;
import io.cutover.drs.DrsClient;
import io.cutover.drs.DrsClientConfig;
import io.cutover.drs.auth.StaticTokenAuth;
import io.cutover.e2e.BackupFeed;
import io.cutover.e2e.CampaignRun;
import io.cutover.e2e.E2eEnvironment;
import io.cutover.e2e.S3Server;
import io.cutover.e2e.Waits;
import io.cutover.e2e.WorkerProcess;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.Timing;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Issue 6's figures, measured on the real Temporal dev server with the worker jar as its own
 * process and the DRS simulator restoring instantly (restore time 0): per-file overhead against a
 * sequential program without Temporal, cutover latency, many campaigns on one worker, and history
 * events per file. It prints figures and asserts none: run it with {@code mvn -Pbench} (see
 * docs/PERFORMANCE.md). Sizes come from system properties so that a bigger machine can run the
 * issue's full sizes.
 */
public final class CutoverBenchmark {

    /** Campaign clocks of the overhead run: poll every second, no settling, no continue-as-new. */
    private static final Timing FAST = new Timing(1, 0, 600, 100_000, 1);

    /** A backup restored later than a poll interval and this after its upload is backlog. */
    private static final int OVERDUE_GRACE_SECONDS = 5;

    private final E2eEnvironment env;
    private final Map<String, BackupFeed> feeds = new HashMap<>();

    private CutoverBenchmark(E2eEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) {
        int files = Integer.getInteger("bench.files", 500);
        int cutovers = Integer.getInteger("bench.cutovers", 20);
        // Steps of the scale run: "COUNT" polls every bench.scalePollSeconds, "COUNT:SECONDS" every SECONDS.
        List<String> campaigns = List.of(
                System.getProperty("bench.campaigns", "200,1000,1000:60").split(","));
        Duration scaleWindow = Duration.ofSeconds(Integer.getInteger("bench.scaleSeconds", 120));
        int scalePoll = Integer.getInteger("bench.scalePollSeconds", 5);
        int exit = 0;
        try (E2eEnvironment env = new E2eEnvironment("bench", Duration.ZERO)) {
            CutoverBenchmark bench = new CutoverBenchmark(env);
            print("machine: " + Runtime.getRuntime().availableProcessors() + " cpus, java "
                    + System.getProperty("java.version") + ", artifacts in " + env.dir
                    + ", worker pollers per task type: "
                    + (Integer.getInteger(WorkerProcess.POLLERS_PROPERTY, 0) > 0
                            ? Integer.getInteger(WorkerProcess.POLLERS_PROPERTY)
                            : "2 (default)"));
            String campaignId = bench.perFileOverhead(files);
            bench.historyGrowth(campaignId, files);
            bench.cutoverLatency(cutovers);
            for (String step : campaigns) {
                String[] countAndPoll = step.trim().split(":");
                bench.scale(
                        Integer.parseInt(countAndPoll[0]),
                        countAndPoll.length > 1 ? Integer.parseInt(countAndPoll[1]) : scalePoll,
                        scaleWindow);
            }
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            exit = 1;
        }
        // Temporal's client and s3proxy leave non-daemon threads behind: end the JVM explicitly.
        System.exit(exit);
    }

    // ---- 1. Per-file overhead --------------------------------------------------------------

    /** Returns the id of the campaign, whose history {@link #historyGrowth} reads. */
    private String perFileOverhead(int files) {
        print("== 1. per-file overhead, " + files + " files already in the bucket, restore time 0");
        BackupFeed campaignFeed = backlogFeed("DbOverhead", files - 1);
        String id = "bench-overhead";
        WorkerMetrics metricsBefore = WorkerMetrics.of(env.worker);
        long started = System.nanoTime();
        start(id, campaignFeed, FAST);
        await(id + ": " + files + " successful jobs", Duration.ofMinutes(10), () -> succeeded(target(id)) >= files);
        double campaignWallMs = millisSince(started);
        print("where the campaign's time went (worker's Temporal SDK meters):"
                + WorkerMetrics.of(env.worker).perFile(metricsBefore, files));
        List<Instant> creates = createTimes(target(id));
        double campaignSteadyMs = Duration.between(creates.get(0), creates.get(creates.size() - 1))
                        .toMillis()
                / (double) (creates.size() - 1);

        BackupFeed naiveFeed = backlogFeed("DbNaive", files - 1);
        CampaignSpec naiveSpec = CampaignRun.spec("bench-naive", "benchnaivein04", naiveFeed, FAST);
        long naiveStarted = System.nanoTime();
        naiveProgram().restore(naiveSpec, files);
        double naiveWallMs = millisSince(naiveStarted);

        double campaignPerFile = campaignWallMs / files;
        double naivePerFile = naiveWallMs / files;
        print(String.format(
                "campaign (Temporal): %.0f ms for %d files = %.1f ms/file"
                        + " (first create to last create: %.1f ms/file)",
                campaignWallMs, files, campaignPerFile, campaignSteadyMs));
        print(String.format(
                "naive sequential:    %.0f ms for %d files = %.1f ms/file", naiveWallMs, files, naivePerFile));
        print(String.format(
                "overhead: %.1f ms/file (ratio %.1fx); steady-state overhead %.1f ms/file",
                campaignPerFile - naivePerFile, campaignPerFile / naivePerFile, campaignSteadyMs - naivePerFile));
        return id;
    }

    /** The same calls as the worker's activities, made by one thread, on the worker's kind of store. */
    private NaiveRestore naiveProgram() {
        ObsBackupStore store =
                new ObsBackupStore(ObsStoreConfig.builder(env.s3.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY)
                        .region("local")
                        .signature(ObsStoreConfig.Signature.V2)
                        .pathStyle(true)
                        .build());
        DrsClient drs = new DrsClient(DrsClientConfig.builder()
                .endpoint(env.simulator.endpoint())
                .projectId("0a1b2c3d4e5f60718293a4b5c6d7e8f9")
                .auth(new StaticTokenAuth("bench-drs-token"))
                .build());
        return new NaiveRestore(new BackupActivitiesImpl(store, Clock.systemUTC()), new BackupStaging(store), drs);
    }

    // ---- 2. Cutover latency ----------------------------------------------------------------

    /**
     * Each campaign has applied its full and one log and polls only every minute; the final log is
     * uploaded, left to settle, then named in requestCutover. The latency runs from the update to
     * the create of the final job on the simulator's record.
     */
    private void cutoverLatency(int count) {
        print("== 2. cutover latency over " + count + " campaigns (final file present, poll interval 60 s)");
        Timing slowPoll = new Timing(60, 1, 600, 100_000, 1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "bench-cutover-" + i;
            start(id, backlogFeed("DbCutover" + i, 1), slowPoll);
            ids.add(id);
        }
        for (String id : ids) {
            await(id + ": full and first log applied", Duration.ofMinutes(3), () -> succeeded(target(id)) >= 2);
        }
        List<Long> latencies = new ArrayList<>();
        for (String id : ids) {
            String finalKey = feeds.get(id).writeNextLogNow().key();
            // Older than settleSeconds, so that the campaign may take it at once.
            Waits.pause(Duration.ofMillis(1100));
            Instant sent = Instant.now();
            env.client
                    .newUntypedWorkflowStub(id)
                    .update("requestCutover", CutoverPlan.class, new CutoverRequest(finalKey));
            await(id + ": the final job", Duration.ofMinutes(1), () -> lastJobCreated(target(id)) != null);
            latencies.add(Duration.between(sent, lastJobCreated(target(id))).toMillis());
        }
        print("requestCutover -> final create: " + Stats.of(latencies) + "  (target p99 <= 2000 ms)");
    }

    // ---- 3. Scale --------------------------------------------------------------------------

    /**
     * {@code count} campaigns on the one worker, polling every {@code pollSeconds}, for {@code
     * window}. Whatever the count, the bucket receives log backups at the rate, 1,000
     * campaigns with one a minute each (16.7 a second): each campaign gets one every {@code count}
     * * 60 ms. The campaigns are terminated at the end, so that the next step starts on an idle
     * worker.
     */
    private void scale(int count, int pollSeconds, Duration window) {
        Duration backupEvery = Duration.ofMillis(Math.max(1000, count * 60L));
        print("== 3. scale: " + count + " campaigns on one worker, a log backup each every "
                + backupEvery.toMillis() + " ms (" + String.format("%.1f", count * 1000.0 / backupEvery.toMillis())
                + " a second in all), poll interval " + pollSeconds + " s, for " + window.toSeconds() + " s");
        WorkerProcess worker = env.worker;
        double cpuBefore = WorkerLoad.cpuSeconds(worker);
        WorkerMetrics metricsBefore = WorkerMetrics.of(worker);
        double machineBefore = WorkerLoad.machineBusySeconds();
        long started = System.nanoTime();
        Timing timing = new Timing(pollSeconds, 0, 600, 100_000, 1);
        int maxLogs = (int) (window.toMillis() / backupEvery.toMillis()) + 2;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Named by count and poll interval: two steps of one count must not share targets or prefixes.
            String id = "bench-scale" + count + "p" + pollSeconds + "c" + i;
            start(id, env.feed("DbScale" + count + "p" + pollSeconds + "n" + i, 0, backupEvery, maxLogs), timing);
            ids.add(id);
        }
        double heapMax = 0;
        while (millisSince(started) < window.toMillis()) {
            Waits.pause(Duration.ofSeconds(5));
            heapMax = Math.max(heapMax, WorkerLoad.heapUsedMib(worker, false));
        }
        double cpu = WorkerLoad.cpuSeconds(worker) - cpuBefore;
        double machine = WorkerLoad.machineBusySeconds() - machineBefore;
        double seconds = millisSince(started) / 1000.0;
        String tasks = WorkerMetrics.of(worker).perSecond(metricsBefore, seconds);
        int written = 0;
        for (String id : ids) {
            BackupFeed feed = feeds.get(id);
            feed.close();
            written += feed.written().size() - 1;
        }
        List<Long> detection = detectionLatencies(ids);
        int overdue = overdue(ids, Instant.now().minusSeconds(pollSeconds + OVERDUE_GRACE_SECONDS));
        print(String.format(
                "worker CPU: %.1f s in %.0f s = %.0f%% of one core (-Xmx384m); heap used max %.0f MiB,"
                        + " live after a full GC %.0f MiB",
                cpu, seconds, 100 * cpu / seconds, heapMax, WorkerLoad.heapUsedMib(worker, true)));
        print("worker: " + tasks);
        print("detection (upload -> create): " + Stats.of(detection) + "  (poll interval " + pollSeconds * 1000
                + " ms)");
        print(String.format(
                "machine (all processes, %d cpus): %.0f%% busy",
                Runtime.getRuntime().availableProcessors(),
                100 * machine / seconds / Runtime.getRuntime().availableProcessors()));
        print("log backups uploaded: " + written + ", restored (create seen) by the end: " + detection.size()
                + ", still waiting: " + (written - detection.size()) + ", of which overdue (uploaded more than the poll"
                + " interval + " + OVERDUE_GRACE_SECONDS + " s before the end): " + overdue);
        for (String id : ids) {
            env.client.newUntypedWorkflowStub(id).terminate("benchmark step over");
        }
    }

    /**
     * For every log backup a campaign restored: its create time minus its upload time. The k-th job
     * of a target is the k-th file of its feed (the e2e suite checks this order).
     */
    private List<Long> detectionLatencies(List<String> ids) {
        Map<String, List<Instant>> createsByTarget = new HashMap<>();
        for (JsonNode job : env.simulator.jobs()) {
            createsByTarget
                    .computeIfAbsent(job.path("target_instance_id").asText(), t -> new ArrayList<>())
                    .add(Instant.parse(job.path("create_time").asText()));
        }
        List<Long> latencies = new ArrayList<>();
        for (String id : ids) {
            List<Instant> creates = createsByTarget.getOrDefault(target(id), List.of());
            List<BackupFeed.WrittenBackup> written = feeds.get(id).written();
            // Skip the full: it was written before the campaign started.
            for (int k = 1; k < Math.min(creates.size(), written.size()); k++) {
                latencies.add(
                        Duration.between(feeds.get(id).writtenAt(written.get(k).key()), creates.get(k))
                                .toMillis());
            }
        }
        return latencies;
    }

    /**
     * Log backups not restored although uploaded before {@code cutoff}: a campaign that keeps up
     * finds each within a poll interval and restores it within seconds, so these are the backlog,
     * not the backups the last poll could not yet have seen.
     */
    private int overdue(List<String> ids, Instant cutoff) {
        Map<String, Integer> createsByTarget = new HashMap<>();
        for (JsonNode job : env.simulator.jobs()) {
            createsByTarget.merge(job.path("target_instance_id").asText(), 1, Integer::sum);
        }
        int overdue = 0;
        for (String id : ids) {
            List<BackupFeed.WrittenBackup> written = feeds.get(id).written();
            // The k-th job is the k-th file (the full first): files from index "creates" on are waiting.
            for (int k = createsByTarget.getOrDefault(target(id), 0); k < written.size(); k++) {
                Instant uploaded = feeds.get(id).writtenAt(written.get(k).key());
                if (uploaded != null && uploaded.isBefore(cutoff)) {
                    overdue++;
                }
            }
        }
        return overdue;
    }

    // ---- 4. Growth -------------------------------------------------------------------------

    private void historyGrowth(String id, int files) {
        print("== 4. history growth of " + id);
        // The histories the dev server holds, as `temporal workflow show -o json` prints them, over
        // every run (the campaign continues as new once its history is long enough); read with the
        // client because the CLI helper logs the whole output.
        List<String> runIds = env.client
                .listExecutions("WorkflowId = '" + id + "'")
                .map(run -> run.getExecution().getRunId())
                .toList();
        int events = runIds.stream()
                .mapToInt(run -> env.client.fetchHistory(id, run).getEvents().size())
                .sum();
        print(String.format(
                "%d events in %d runs for %d files = %.2f events per file (the last run still open)",
                events, runIds.size(), files, events / (double) files));
    }

    // ---- Helpers ---------------------------------------------------------------------------

    private BackupFeed backlogFeed(String database, int logs) {
        // The feed's own schedule never fires within the run: every file is written at once or on demand.
        return env.feed(database, logs, Duration.ofHours(1), logs + 1);
    }

    private void start(String id, BackupFeed feed, Timing timing) {
        feeds.put(id, feed);
        WorkflowStub stub = env.client.newUntypedWorkflowStub(
                CampaignWorkflow.TYPE,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(id)
                        .setTaskQueue(WorkerProcess.TASK_QUEUE)
                        .setWorkflowRunTimeout(Duration.ofMinutes(30))
                        .build());
        stub.start(CampaignRun.spec(id, target(id), feed, timing), null);
    }

    private static String target(String id) {
        return id.replace("-", "") + "in04";
    }

    private long succeeded(String target) {
        long count = 0;
        for (JsonNode job : env.simulator.jobs()) {
            if (job.path("target_instance_id").asText().equals(target)
                    && job.path("status").asText().equals("SUCCESS")) {
                count++;
            }
        }
        return count;
    }

    private List<Instant> createTimes(String target) {
        List<Instant> times = new ArrayList<>();
        for (JsonNode job : env.simulator.jobs()) {
            if (job.path("target_instance_id").asText().equals(target)) {
                times.add(Instant.parse(job.path("create_time").asText()));
            }
        }
        return times;
    }

    private Instant lastJobCreated(String target) {
        for (JsonNode job : env.simulator.jobs()) {
            if (job.path("target_instance_id").asText().equals(target)
                    && job.path("is_last_backup").asBoolean()) {
                return Instant.parse(job.path("create_time").asText());
            }
        }
        return null;
    }

    /** The simulator's record carries the times: looking every 200 ms costs no precision. */
    private static void await(String what, Duration timeout, Supplier<Boolean> done) {
        Waits.until(what, timeout, Duration.ofMillis(200), done);
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }

    private static void print(String line) {
        System.out.println("[bench] " + line);
    }
}
