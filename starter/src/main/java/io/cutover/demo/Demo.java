package io.cutover.demo;

import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.CutoverPlan;
import io.cutover.campaign.CutoverRequest;
import io.cutover.campaign.Phase;
import io.cutover.cli.ReportView;
import io.cutover.cli.StatusView;
import io.cutover.simulator.SimulatedJob;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.NamingSpec;
import io.cutover.spec.RestoreOptions;
import io.cutover.spec.SourceSpec;
import io.cutover.spec.TargetSpec;
import io.cutover.spec.Timing;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One whole campaign on this machine: an embedded Temporal service, the worker (started by the
 * same code as cutover-worker.jar), the DRS simulator, and a local bucket fed by a backup
 * generator. The demo plays the DBA: it waits for a few log backups to be applied, asks for the
 * cutover through the validated update, takes the tail-log backup, and checks the result against
 * the simulator's own record of the jobs.
 */
final class Demo {

    static final String CAMPAIGN_ID = "demo-orders";
    static final String NAMESPACE = DemoStack.NAMESPACE;
    private static final String DATABASE = "orders";
    private static final String TARGET_INSTANCE = "demo0rds0sqlserver0target0in04";
    private static final Duration FINISH_WITHIN = Duration.ofSeconds(60);

    /**
     * @param logBackups log backups applied before the cutover is requested
     * @param backupEvery time between two log backups
     * @param restoreTime how long the simulated DRS takes per job
     * @param temporalPort the embedded Temporal's port, 0 for a free one
     */
    record Settings(int logBackups, Duration backupEvery, Duration restoreTime, int temporalPort) {}

    private final Settings settings;
    private final PrintWriter out;

    Demo(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    int run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        ScheduledExecutorService uploads = Executors.newSingleThreadScheduledExecutor();
        try (DemoStack stack = DemoStack.start(settings, out)) {
            BackupGenerator generator = new BackupGenerator(
                    stack.bucketRoot,
                    DemoStack.BUCKET,
                    DATABASE + "/",
                    DATABASE,
                    "DEMO$SQL",
                    LocalDateTime.of(2026, 1, 1, 1, 0));
            out.println("uploaded      " + generator.writeFull());
            CampaignWorkflow campaign = stack.client()
                    .newWorkflowStub(
                            CampaignWorkflow.class,
                            WorkflowOptions.newBuilder()
                                    .setWorkflowId(CAMPAIGN_ID)
                                    .setTaskQueue(stack.taskQueue)
                                    .build());
            WorkflowClient.start(campaign::run, spec(generator.fullBackupKey()), null);
            out.println("started       campaign " + CAMPAIGN_ID);
            out.flush();
            long every = settings.backupEvery().toMillis();
            uploads.scheduleAtFixedRate(
                    () -> announce("uploaded      " + generator.writeLog()), every, every, TimeUnit.MILLISECONDS);

            CampaignStatus status = watchUntil(campaign, s -> logsApplied(s) >= settings.logBackups());
            uploads.shutdownNow();
            uploads.awaitTermination(5, TimeUnit.SECONDS);
            out.println("== " + logsApplied(status)
                    + " log backups applied: the DBA stops the application and requests the cutover");
            // Naming the tail-log backup before it is taken leaves no doubt about which one is final.
            String tail = generator.nextLogKey();
            CutoverPlan plan = campaign.requestCutover(new CutoverRequest(tail));
            out.println("cutover accepted: still to apply " + plan.remaining() + ", final backup " + plan.finalBackup()
                    + (plan.waitingForFinal() ? " (not uploaded yet)" : ""));
            generator.writeLog();
            out.println("uploaded      " + tail + " (tail-log backup)");
            out.flush();

            watchUntil(
                    campaign,
                    s -> s.phase() == Phase.COMPLETED || s.phase() == Phase.ABORTED || s.phase() == Phase.BLOCKED);
            CampaignReport report = WorkflowStub.fromTyped(campaign)
                    .getResult(FINISH_WITHIN.toSeconds(), TimeUnit.SECONDS, CampaignReport.class);
            out.println("== report");
            out.print(ReportView.render(report));
            List<SimulatedJob> jobs = stack.drs.jobs();
            List<String> problems = DemoCheck.problems(report, jobs, tail);
            out.println("== checked against the DRS simulator's record: "
                    + jobs.size() + " jobs, "
                    + jobs.stream().filter(SimulatedJob::lastBackup).count() + " with is_last_backup=true");
            problems.forEach(problem -> out.println("PROBLEM: " + problem));
            out.println("demo finished in "
                    + Duration.between(started, Instant.now()).toSeconds() + " s");
            out.flush();
            return problems.isEmpty() ? 0 : 1;
        } catch (java.util.concurrent.TimeoutException e) {
            out.println("PROBLEM: the campaign did not finish within " + FINISH_WITHIN.toSeconds() + " s");
            return 1;
        } finally {
            uploads.shutdownNow();
        }
    }

    private synchronized void announce(String line) {
        out.println(line);
        out.flush();
    }

    /** Log backups applied so far (the campaign counts the full restore apart). */
    static long logsApplied(CampaignStatus status) {
        return status.appliedCount();
    }

    /** Prints the live table whenever it changes, until the condition holds (or a minute passes). */
    private CampaignStatus watchUntil(CampaignWorkflow campaign, java.util.function.Predicate<CampaignStatus> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + FINISH_WITHIN.toNanos();
        String shown = null;
        while (true) {
            CampaignStatus status = campaign.status();
            String table = StatusView.render(status);
            if (!table.equals(shown)) {
                announce("----\n" + table.stripTrailing());
                shown = table;
            }
            if (done.test(status) || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(500);
        }
    }

    static CampaignSpec spec(String fullBackupKey) {
        return new CampaignSpec(
                CAMPAIGN_ID,
                CampaignSpec.Mode.FULL_AND_INCREMENTAL,
                new TargetSpec(TARGET_INSTANCE, null),
                new SourceSpec(
                        DemoStack.BUCKET,
                        DATABASE + "/",
                        fullBackupKey,
                        new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null),
                        DATABASE,
                        "staged/",
                        null),
                new RestoreOptions(List.of(DATABASE), false, false, null, false, false),
                "demo",
                null,
                List.of(),
                "cutover demo",
                new Timing(1, 1, 60, 100, 1));
    }
}
