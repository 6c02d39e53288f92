package io.cutover.demo;

import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.cli.WaveStatusView;
import io.cutover.simulator.SimulatedJob;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.RestoreOptions;
import io.cutover.spec.WaveSpec;
import io.cutover.spec.WaveSpec.WaveMember;
import io.cutover.spec.WaveSpecs;
import io.cutover.wave.WaveCutoverRequest;
import io.cutover.wave.WavePhase;
import io.cutover.wave.WavePriorities;
import io.cutover.wave.WaveReport;
import io.cutover.wave.WaveStatus;
import io.cutover.wave.WaveWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code cutover demo --databases N}: a wave of N databases on embedded defaults, as {@link Demo}
 * runs one campaign. Every member catches up on its generator's log backups; the demo asks the
 * wave for the cutover naming each member's tail-log backup, takes them all, and checks the
 * simulator's record per member: one job per backup, all succeeded, one final each, the tail-log
 * backup, and every final created after the wave's request.
 */
final class WaveDemo {

    static final String WAVE_ID = "demo-wave";
    private static final List<String> NAMES = List.of("orders", "billing", "stock", "payroll", "crm");
    private static final Duration FINISH_WITHIN = Duration.ofSeconds(90);

    private final Demo.Settings settings;
    private final int databases;
    private final PrintWriter out;

    WaveDemo(Demo.Settings settings, int databases, PrintWriter out) {
        this.settings = settings;
        this.databases = databases;
        this.out = out;
    }

    int run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        ScheduledExecutorService uploads = Executors.newSingleThreadScheduledExecutor();
        try (DemoStack stack = DemoStack.start(settings, out)) {
            Map<String, BackupGenerator> generators = new LinkedHashMap<>();
            List<WaveMember> members = new ArrayList<>();
            for (int i = 0; i < databases; i++) {
                String db = i < NAMES.size() ? NAMES.get(i) : "db" + i;
                BackupGenerator generator = new BackupGenerator(
                        stack.bucketRoot,
                        DemoStack.BUCKET,
                        db + "/",
                        db,
                        "DEMO$SQL",
                        LocalDateTime.of(2026, 1, 1, 1, 0));
                announce("uploaded      " + generator.writeFull());
                generators.put(db, generator);
                members.add(new WaveMember(db, db + "/", generator.fullBackupKey()));
            }
            CampaignSpec single = Demo.spec(members.get(0).fullBackup());
            // Each member restores its own database: the wave fills db_names per member.
            CampaignSpec defaults = new CampaignSpec(
                    WAVE_ID,
                    single.mode(),
                    single.target(),
                    single.source(),
                    new RestoreOptions(List.of(), false, false, null, false, false),
                    null,
                    null,
                    List.of(),
                    "cutover wave demo",
                    single.timing());
            WaveWorkflow wave = stack.client()
                    .newWorkflowStub(
                            WaveWorkflow.class,
                            WorkflowOptions.newBuilder()
                                    .setWorkflowId(WAVE_ID)
                                    .setTaskQueue(stack.taskQueue)
                                    .setPriority(WavePriorities.WAVE)
                                    .build());
            WorkflowClient.start(wave::run, new WaveSpec(WAVE_ID, defaults, members), null);
            announce("started       wave " + WAVE_ID + " of " + databases + " databases");
            long every = settings.backupEvery().toMillis();
            uploads.scheduleAtFixedRate(
                    () -> generators.values().forEach(g -> announce("uploaded      " + g.writeLog())),
                    every,
                    every,
                    TimeUnit.MILLISECONDS);
            watchUntil(stack.client(), wave, s -> everyMemberApplied(stack.client(), s, settings.logBackups()));
            uploads.shutdownNow();
            uploads.awaitTermination(5, TimeUnit.SECONDS);

            announce("== every member caught up: the DBA stops the application and requests the wave's cutover");
            Map<String, String> finals = new LinkedHashMap<>();
            Map<String, String> tails = new LinkedHashMap<>();
            generators.forEach((db, g) -> {
                tails.put(WaveSpecs.campaignId(WAVE_ID, db), g.nextLogKey());
                finals.put(db, g.nextLogKey().substring(g.nextLogKey().lastIndexOf('/') + 1));
            });
            Instant requested = Instant.now();
            wave.requestCutover(new WaveCutoverRequest(finals));
            announce("cutover accepted by every member: finals " + finals.values());
            generators.values().forEach(g -> announce("uploaded      " + g.writeLog() + " (tail-log backup)"));

            watchUntil(
                    stack.client(),
                    wave,
                    s -> s.phase() == WavePhase.COMPLETED
                            || s.phase() == WavePhase.ABORTED
                            || s.phase() == WavePhase.BLOCKED);
            WaveReport report = WorkflowStub.fromTyped(wave)
                    .getResult(FINISH_WITHIN.toSeconds(), TimeUnit.SECONDS, WaveReport.class);
            List<String> problems = check(stack.client(), report, stack.drs.jobs(), tails, requested);
            announce("== wave " + report.phase() + ": downtime " + report.downtimeMillis()
                    + " ms (request to the last database online); checked against the DRS simulator's record: "
                    + stack.drs.jobs().size() + " jobs");
            problems.forEach(problem -> announce("PROBLEM: " + problem));
            announce("demo finished in "
                    + Duration.between(started, Instant.now()).toSeconds() + " s");
            return problems.isEmpty() ? 0 : 1;
        } catch (java.util.concurrent.TimeoutException e) {
            announce("PROBLEM: the wave did not finish within " + FINISH_WITHIN.toSeconds() + " s");
            return 1;
        } finally {
            uploads.shutdownNow();
        }
    }

    /** Per member, the single demo's checks on its own jobs; then every final after the request. */
    private static List<String> check(
            WorkflowClient client,
            WaveReport report,
            List<SimulatedJob> jobs,
            Map<String, String> tails,
            Instant requested)
            throws java.util.concurrent.TimeoutException {
        List<String> problems = new ArrayList<>();
        if (report.phase() != WavePhase.COMPLETED) {
            problems.add("the wave ended " + report.phase() + ", not COMPLETED");
        }
        for (Map.Entry<String, String> tail : tails.entrySet()) {
            String member = tail.getKey();
            String database = member.substring(WAVE_ID.length() + 1);
            CampaignReport memberReport =
                    client.newUntypedWorkflowStub(member).getResult(10, TimeUnit.SECONDS, CampaignReport.class);
            List<SimulatedJob> own = jobs.stream()
                    .filter(job -> job.databases().stream().anyMatch(database::equalsIgnoreCase))
                    .toList();
            DemoCheck.problems(memberReport, own, tail.getValue()).forEach(p -> problems.add(member + ": " + p));
        }
        jobs.stream()
                .filter(SimulatedJob::lastBackup)
                .filter(job -> job.createTime().isBefore(requested))
                .forEach(job -> problems.add("final " + job.name() + " went out before the wave's request"));
        return problems;
    }

    private static boolean everyMemberApplied(WorkflowClient client, WaveStatus wave, int logs) {
        return wave.members().stream().allMatch(member -> {
            try {
                return client.newWorkflowStub(CampaignWorkflow.class, member.campaignId())
                                .status()
                                .appliedCount()
                        >= logs;
            } catch (RuntimeException notStarted) {
                return false;
            }
        });
    }

    /** Prints the wave's table whenever it changes, until the condition holds (or the time is up). */
    private void watchUntil(WorkflowClient client, WaveWorkflow wave, java.util.function.Predicate<WaveStatus> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + FINISH_WITHIN.toNanos();
        String shown = null;
        while (true) {
            WaveStatus status = wave.status();
            Map<String, CampaignStatus> members = new LinkedHashMap<>();
            for (var member : status.members()) {
                try {
                    members.put(
                            member.campaignId(),
                            client.newWorkflowStub(CampaignWorkflow.class, member.campaignId())
                                    .status());
                } catch (RuntimeException notStarted) {
                    // Shown from what the wave knows.
                }
            }
            String table = WaveStatusView.render(status, members);
            if (!table.equals(shown)) {
                announce("----\n" + table.stripTrailing());
                shown = table;
            }
            if (done.test(status) || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private synchronized void announce(String line) {
        out.println(line);
        out.flush();
    }
}
