package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activity.AppliedBackup;
import io.cutover.campaign.AbortRequest;
import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.Phase;
import io.cutover.cli.CutoverCli;
import io.cutover.e2e.BackupFeed.WrittenBackup;
import io.cutover.headers.SqlServerFixtures;
import io.cutover.wave.WavePhase;
import io.cutover.wave.WaveReport;
import io.temporal.client.WorkflowStub;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Whole campaigns on a real Temporal server (the CLI's dev server), the worker jar and the DRS
 * simulator jar each in its own JVM, the backups in a folder both read: what an operator's
 * rehearsal does, with the crashes and restarts a real cutover night may bring.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignE2eIT {

    private static final Logger log = LoggerFactory.getLogger(CampaignE2eIT.class);
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(60);
    /**
     * From the cutover to the report: the backups written while the campaign ran must all be
     * applied first, and on a busy machine the feed can run ahead of the campaign by a minute.
     */
    private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(150);

    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(180);

    private E2eEnvironment env;
    /** The campaigns started by the current test: their feeds stop when it ends, passed or not. */
    private final List<CampaignRun> runs = new ArrayList<>();

    @BeforeAll
    @Timeout(180)
    void startEnvironment() {
        env = new E2eEnvironment("campaign-e2e");
    }

    /** A feed left running would keep writing backups while the next test runs (up to 200). */
    @AfterEach
    void stopFeeds() {
        runs.forEach(run -> run.feed.close());
        runs.clear();
    }

    private CampaignRun start(String name) {
        CampaignRun run = CampaignRun.start(env, name);
        runs.add(run);
        return run;
    }

    @AfterAll
    void stopEnvironment() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(300)
    void fullCampaignCutOverWithTheTemporalCli() {
        CampaignRun run = cutOverWithTheTemporalCli(start("full"), 4);
        log.info(
                "{}: {} jobs, downtime {} ms",
                run.id,
                run.createCalls().size(),
                run.awaitReport(COMPLETION_TIMEOUT).downtimeMillis());
    }

    /**
     * Once {@code jobs} jobs of the campaign succeeded, the operator's cutover ("the next log
     * backup is the final") through the Temporal CLI; then its end-to-end contract is checked.
     */
    private CampaignRun cutOverWithTheTemporalCli(CampaignRun run, int jobs) {
        run.awaitSucceededJobs(jobs, PROGRESS_TIMEOUT);
        run.cutoverWithCli();
        run.assertRestoredExactlyOnceInOrder(run.awaitReport(COMPLETION_TIMEOUT));
        return run;
    }

    /**
     * SIGKILL right after a create reached DRS, before the worker could record it: the restarted
     * worker must find that job rather than create a second one, and carry on to the cutover.
     */
    @Test
    @Order(2)
    @Timeout(300)
    void workerKilledMidCampaignAndStartedAgainCompletesExactlyOnce() {
        CampaignRun run = start("crash");
        run.awaitSucceededJobs(2, PROGRESS_TIMEOUT);
        int createsBeforeKill = run.createCalls().size() + 1;
        run.awaitCreateCalls(createsBeforeKill, PROGRESS_TIMEOUT);

        env.worker.kill();
        // Log backups keep arriving while no worker runs; then the source's backup job stops, so
        // that the chain's end (the named final backup) is known.
        Waits.pause(Duration.ofSeconds(3));
        run.feed.close();
        List<WrittenBackup> chain = run.feed.written();
        env.worker.startAgain();
        long restartedAt = System.nanoTime();

        run.cutoverWithCliUpdate(chain.get(chain.size() - 1).key());
        // Temporal hands the killed worker's workflow task to the new one after its timeout (10 s),
        // and an activity attempt lost in flight after the activity's start-to-close timeout.
        CampaignReport report = run.awaitReport(RECOVERY_TIMEOUT);

        run.assertRestoredExactlyOnceInOrder(report);
        assertEquals(chain.size(), run.createCalls().size(), "every file up to the named final");
        log.info(
                "{}: {} jobs after a SIGKILL at create #{}; completed {} s after the restart",
                run.id,
                chain.size(),
                createsBeforeKill,
                Duration.ofNanos(System.nanoTime() - restartedAt).toSeconds());
    }

    /**
     * The Temporal server stopped (its state kept in the SQLite file) and started again while a
     * campaign runs: the worker reconnects by itself and the campaign goes on to the cutover.
     */
    @Test
    @Order(3)
    @Timeout(300)
    void temporalServerRestartedMidCampaignCompletes() {
        CampaignRun run = start("restart");
        run.awaitSucceededJobs(2, PROGRESS_TIMEOUT);
        long beforeStop = env.simulator.succeededJobs(run.targetInstanceId);

        env.temporal.stop();
        Waits.pause(Duration.ofSeconds(3));
        env.temporal.startAgain();

        run.awaitSucceededJobs(beforeStop + 2, RECOVERY_TIMEOUT);
        assertTrue(env.worker.isAlive(), "the worker outlived the server's restart");
        run.cutoverWithCli();
        CampaignReport report = run.awaitReport(COMPLETION_TIMEOUT);

        run.assertRestoredExactlyOnceInOrder(report);
        log.info(
                "{}: {} jobs across a server restart", run.id, run.createCalls().size());
    }

    /**
     * The operator's cutover sent from the Temporal UI in a real (headless) browser: the "Send a
     * Signal" dialog, signal cutover, payload {}. Skipped only when CUTOVER_E2E_SKIP_UI=1.
     */
    @Test
    @Order(4)
    @Timeout(300)
    void cutoverSentThroughTheTemporalUiInHeadlessChromium() {
        assumeFalse("1".equals(System.getenv("CUTOVER_E2E_SKIP_UI")), "CUTOVER_E2E_SKIP_UI=1: UI test skipped");
        TemporalUi.checkInstalled();
        CampaignRun run = start("browser");
        run.awaitSucceededJobs(4, PROGRESS_TIMEOUT);

        TemporalUi.sendSignal(env.temporal.uiUrl(), run.id, "cutover", "{}", env.dir);
        CampaignReport report = run.awaitReport(COMPLETION_TIMEOUT);

        run.assertRestoredExactlyOnceInOrder(report);
        for (String screenshot : List.of("ui-2-signal-dialog.png", "ui-3-signal-sent.png")) {
            assertTrue(Files.isRegularFile(env.dir.resolve(screenshot)), screenshot + " kept");
        }
        log.info(
                "{}: {} jobs, cut over from the UI; screenshots in {}",
                run.id,
                run.createCalls().size(),
                env.dir);
    }

    /**
     * A campaign id used again (issue 11): the first run completes on its target; the same id is
     * then started on a new target instance, on the same backups. The second run must restore
     * every file into the new instance itself, from its own full on, and report only its own jobs:
     * before the run identity it found the first run's jobs by name and reported them as its own.
     */
    @Test
    @Order(5)
    @Timeout(300)
    void aCampaignIdUsedAgainOnANewTargetRestoresEveryFileThereItself() {
        CampaignRun first = cutOverWithTheTemporalCli(start("rerun"), 3);
        int firstJobs = first.createCalls().size();

        CampaignRun second = cutOverWithTheTemporalCli(first.startAgainOn("e2ererun2in04"), firstJobs);

        assertTrue(
                second.createCalls().size() > firstJobs,
                "every file of the first run, and more, created on the new target");
        assertEquals(firstJobs, first.createCalls().size(), "nothing more on the first target");
        log.info(
                "{}: {} jobs on {}, then {} of its own on {}",
                first.id,
                firstJobs,
                first.targetInstanceId,
                second.createCalls().size(),
                second.targetInstanceId);
    }

    /**
     * Real SQL Server backups whose names do not sort in chain order (RestoreTimeClean: a full,
     * three logs, a differential, three logs), uploaded in the order they were taken: the campaign
     * plans the chain by their headers and completes on the real tail, with the worker as its own
     * process and the simulator restoring by SQL Server's rules. Planned by names, this campaign
     * stalled after three logs, saying nothing.
     */
    @Test
    @Order(6)
    @Timeout(240)
    void realBackupsWhoseNamesDoNotSortCompleteByTheirHeaders() {
        List<String> taken = SqlServerFixtures.RESTORE_TIME_CLEAN;
        RealChainRun run = new RealChainRun(env, "rtclean", "RestoreTimeClean", taken.get(0));
        taken.subList(0, 7).forEach(run::upload);
        run.start();
        Waits.until(
                "six logs of " + run.id + " applied",
                PROGRESS_TIMEOUT,
                () -> run.status().appliedCount() == 5);

        run.cutoverWithCliUpdate("RestoreTimeClean2_3.trn");
        run.upload(taken.get(7));
        CampaignReport report = run.awaitReport(COMPLETION_TIMEOUT);

        assertEquals(Phase.COMPLETED, report.finalPhase(), report::toString);
        assertEquals(
                List.of(
                        "RestoreTimeClean.bak",
                        "RestoreTimeClean_1.trn",
                        "RestoreTimeClean_2.trn",
                        "RestoreTimeClean_3.trn",
                        "RestoreTimeClean2_1.trn",
                        "RestoreTimeClean2_2.trn",
                        "RestoreTimeClean2_3.trn"),
                report.backups().stream()
                        .filter(AppliedBackup::succeeded)
                        .map(entry -> entry.key().substring(entry.key().lastIndexOf('/') + 1))
                        .toList());
        List<SimulatorProcess.CreateCall> calls = env.simulator.createCalls().stream()
                .filter(call -> call.targetInstanceId().equals(run.targetInstanceId))
                .toList();
        assertEquals(7, calls.size(), calls::toString);
        assertEquals(7, env.simulator.succeededJobs(run.targetInstanceId), "every job succeeded in the simulator");
        log.info("{}: {} jobs by headers, downtime {} ms", run.id, calls.size(), report.downtimeMillis());
    }

    /**
     * A wave of three cut over with {@code temporal workflow update execute}, the worker
     * SIGKILLed right after the request (during prepare) and again once the wave commits. On the
     * simulator's record: every member exactly one final, each after every member's final was in
     * the bucket (none before all were prepared), and every job a success.
     */
    @Test
    @Order(7)
    @Timeout(300)
    void aWaveOfThreeCutsOverAllOrNothingThroughTwoWorkerKills() throws Exception {
        try (WaveRun wave = WaveRun.startCaughtUp(
                env, "cutover-e2e-wave", "e2ewavein04", List.of("WaveOrders", "WaveBilling", "WaveStock"))) {
            WaveRun.Figures figures = wave.cutOverThroughTwoWorkerKills();

            assertEquals(WavePhase.COMPLETED, figures.phase(), figures::toString);
            assertEquals(0, figures.failedJobs(), figures::toString);
            assertEquals(0, figures.finalsBeforeAllHeld(), "no final before every member's was in the bucket");
            figures.finalsPerMember().forEach((db, finals) -> assertEquals(1L, finals, db + ": one final"));
            log.info(
                    "cutover-e2e-wave: 3 members cut over together, wave downtime {} ms, worker killed in prepare{}",
                    figures.downtimeMillis(),
                    figures.killedInCommit() ? " and in commit" : " (the commit was over before the second kill)");
        }
    }

    /**
     * A wave of three whose one member's restore fails during prepare (a log lost before its final):
     * no final goes out for any member while it is blocked, the others holding theirs; once the lost
     * log is uploaded and the member retried, every member gets exactly one final.
     */
    @Test
    @Order(9)
    @Timeout(300)
    void aMemberFailingInPrepareKeepsEveryFinalBackUntilItIsFixed() throws Exception {
        try (WaveRun wave = WaveRun.startCaughtUp(
                env, "cutover-e2e-wave-fail", "e2ewavefailin04", List.of("FailOrders", "FailBilling", "FailStock"))) {
            WaveRun.Figures figures = wave.oneMemberFailingInPrepare("FailBilling");

            assertEquals(0, figures.finalsWhileBlocked(), "no final anywhere while FailBilling was blocked");
            assertEquals(WavePhase.COMPLETED, figures.phase(), figures::toString);
            assertEquals(1, figures.failedJobs(), "only the restore across the lost log failed: " + figures);
            figures.finalsPerMember().forEach((db, finals) -> assertEquals(1L, finals, db + ": one final"));
        }
    }

    /**
     * Issue 15: the minimal spec (six values, every other one its default) started with the
     * operator's CLI runs on the real dev server: its full restores, its log backups follow, each
     * staged under a name that reads like the source.
     */
    @Test
    @Order(10)
    @Timeout(300)
    void theMinimalSpecStartsACampaignWithEveryDefault() throws Exception {
        // The logs are in the bucket before the campaign starts: with the default timing a log
        // uploaded just after a listing is seen a whole poll interval (60 s) later.
        BackupFeed feed = env.feed("MinimalOrders", 2, Duration.ofMillis(1500), 2);
        Path spec = env.dir.resolve("minimal.yaml");
        Files.writeString(spec, """
                campaignId: cutover-e2e-minimal
                target:
                  instanceId: e2eminimalin04
                source:
                  bucket: %s
                  prefix: %s
                  fullBackup: %s
                  database: MinimalOrders
                """.formatted(feed.bucket(), feed.prefix(), feed.fullKey()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CutoverCli.commandLine(connection -> env.client, new BufferedReader(new StringReader("")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        try {
            assertEquals(
                    0, cli.execute("start", spec.toString(), "--task-queue", WorkerProcess.TASK_QUEUE), err::toString);
            CampaignWorkflow campaign = env.client.newWorkflowStub(CampaignWorkflow.class, "cutover-e2e-minimal");
            Waits.until("the minimal campaign's first log", PROGRESS_TIMEOUT, () -> {
                try {
                    return campaign.status().appliedCount() >= 1;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            List<String> staged = new ArrayList<>();
            for (JsonNode job : env.simulator.jobsOf("e2eminimalin04")) {
                job.path("file_names").forEach(name -> staged.add(name.asText()));
            }
            assertTrue(
                    staged.stream().anyMatch(name -> name.matches("MinimalOrders_LOG_\\d{8}_\\d{6}_[0-9a-f]{6}\\.bak")),
                    "log backups staged under readable names: " + staged);
            campaign.abort(new AbortRequest("end of the test"));
        } finally {
            feed.close();
        }
    }

    /**
     * A wave's cutover sent from the Temporal UI in headless chromium ("Send a Signal", signal
     * cutover, "the next log backup" for each member): every member one final. Skipped only when
     * CUTOVER_E2E_SKIP_UI=1.
     */
    @Test
    @Order(8)
    @Timeout(300)
    void aWavesCutoverSentThroughTheTemporalUiInHeadlessChromium() throws Exception {
        assumeFalse("1".equals(System.getenv("CUTOVER_E2E_SKIP_UI")), "CUTOVER_E2E_SKIP_UI=1: UI test skipped");
        TemporalUi.checkInstalled();
        String target = "e2ewaveuiin04";
        WaveReport report;
        try (WaveRun wave =
                WaveRun.startCaughtUp(env, "cutover-e2e-wave-ui", target, List.of("UiOrders", "UiBilling"))) {
            TemporalUi.sendSignal(env.temporal.uiUrl(), "cutover-e2e-wave-ui", "cutover", "{\"finals\":{}}", env.dir);
            report = WorkflowStub.fromTyped(wave.wave())
                    .getResult(COMPLETION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, WaveReport.class);
        }

        assertEquals(WavePhase.COMPLETED, report.phase(), report::toString);
        long finals = 0;
        for (JsonNode job : env.simulator.jobsOf(target)) {
            assertEquals("SUCCESS", job.path("status").asText(), job::toString);
            finals += job.path("is_last_backup").asBoolean() ? 1 : 0;
        }
        assertEquals(2, finals, "one final per member");
        log.info("cutover-e2e-wave-ui: 2 members cut over from the UI, wave downtime {} ms", report.downtimeMillis());
    }
}
