package io.cutover.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.activity.AppliedBackup;
import io.cutover.campaign.AbortRequest;
import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.CutoverPlan;
import io.cutover.campaign.CutoverRequest;
import io.cutover.campaign.Phase;
import io.cutover.campaign.SkipRequest;
import io.cutover.e2e.BackupFeed;
import io.cutover.e2e.CampaignRun;
import io.cutover.e2e.E2eEnvironment;
import io.cutover.e2e.S3Server;
import io.cutover.e2e.SimulatorProcess.CreateCall;
import io.cutover.e2e.Waits;
import io.cutover.e2e.WorkerProcess;
import io.cutover.simulator.backupfile.BackupHeader;
import io.cutover.simulator.backupfile.SimulatedBackupFile;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpecValidator;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 6's fault suite: campaigns on the real dev server, worker and simulator processes, under
 * worker kills, a server restart, DRS and OBS faults, bad input, and a scan for secrets. Each row
 * counts its figures into one table, printed and written into docs/RELIABILITY.md at the end even
 * when a row fails; each row then asserts its targets, so that a missed figure fails the suite.
 * Run with {@code -Pfaults} (see the document for the whole command); sizes are system properties.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    static final String COMMAND =
            "mvn -B -ntp -pl e2e -am verify -Pfaults -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dit.test=FaultSuiteIT -Dfailsafe.failIfNoSpecifiedTests=false";

    /** Row 1's runs, how many run at once, and how far apart they start. */
    private static final int RUNS = Integer.getInteger("faults.runs", 4);

    private static final int WAVE = Integer.getInteger("faults.wave", 5);
    private static final Duration RUN_SPACING = Duration.ofSeconds(3);
    private static final int FILES = Integer.getInteger("faults.files", 8);
    private static final int BAD_SPECS = Integer.getInteger("faults.badSpecs", 120);
    private static final long SEED = Long.getLong("faults.seed", 6L);
    /** A SIGKILLed activity attempt is retried after its start-to-close timeout (2 min) at worst. */
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(240);

    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(90);
    /** A campaign's report, once its final is named: the recovery after a kill plus its catch-up. */
    private static final Duration REPORT_TIMEOUT = RECOVERY_TIMEOUT.plusSeconds(5L * FILES);
    /** A wave's runs, each bounded by its own waits, end well within this. */
    private static final Duration WAVE_TIMEOUT = Duration.ofMinutes(15);
    /** The worker's DRS call timeout in this suite, and how long row 3's timed-out calls hang. */
    private static final Duration DRS_TIMEOUT = Duration.ofSeconds(3);

    private static final Duration DRS_HANG = DRS_TIMEOUT.plusSeconds(2);
    /** Row 4's listings, slower than the campaigns' poll interval (1 s). */
    private static final Duration SLOW_LISTING = Duration.ofMillis(2500);

    private static final long MIN_SLOW_LISTINGS = 4;
    /**
     * Row 7's DRS: a new job shows in list answers this long after its create, and this share of
     * create answers is lost after the job was made.
     */
    private static final Duration LIST_LAG = Duration.ofSeconds(5);

    private static final double LOST_ANSWERS = 0.3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReliabilityTable table = new ReliabilityTable();
    /** Every status query result of the suite, as JSON: row 6 scans them. */
    private final List<String> statusResults = Collections.synchronizedList(new ArrayList<>());

    private final long startedAt = System.nanoTime();
    private E2eEnvironment env;

    @BeforeAll
    @Timeout(180)
    void startEnvironment() {
        env = new E2eEnvironment("faults", E2eEnvironment.RESTORE_TIME, DRS_TIMEOUT);
    }

    @AfterAll
    void writeTableAndStop() {
        try {
            String scale = RUNS + " runs of " + FILES + " files in row 1, " + WAVE + " at a time"
                    + (RUNS == 20 && FILES == 30
                            ? " (issue 6's size)"
                            : " (issue 6's size: -Dfaults.runs=20 -Dfaults.files=30)")
                    + ", one campaign of " + FILES + " files in rows 2 to 4, " + BAD_SPECS
                    + " generated specs in row 5, " + RUNS + " runs of " + FILES + " files in row 7 (a list lag of "
                    + LIST_LAG.toSeconds() + " s, the worker's create visibility window "
                    + LIST_LAG.plusSeconds(5).toSeconds() + " s), 3 campaign ids used again in row 8, seed " + SEED
                    + "; the worker's DRS call timeout "
                    + DRS_TIMEOUT.toSeconds() + " s.";
            System.out.println("\n=== Fault suite (seed " + SEED + ") ===\n" + table.markdown());
            Path doc = Path.of(System.getProperty("cutover.repo.root", "..")).resolve("docs/RELIABILITY.md");
            // The sizes go into the command, so that the document's command reproduces its own table.
            String command = COMMAND + " -Dfaults.runs=" + RUNS + " -Dfaults.wave=" + WAVE + " -Dfaults.files=" + FILES
                    + " -Dfaults.badSpecs=" + BAD_SPECS + " -Dfaults.seed=" + SEED;
            table.writeDocument(
                    doc,
                    command,
                    scale,
                    Duration.ofNanos(System.nanoTime() - startedAt).toSeconds());
        } finally {
            if (env != null) {
                env.close();
            }
        }
    }

    /**
     * Row 1: RUNS campaigns of FILES files, WAVE at a time sharing one worker; each run has the
     * worker SIGKILLed at a seeded moment of its own life (the point rotates over the runs, the
     * moment within it is drawn from the run's own random source), and suffers the kills of the
     * runs beside it as well. Figures are per run, summed.
     */
    @Test
    @Order(1)
    void workerKilledAtRandomPoints() {
        String row = "1";
        String scenario = "worker SIGKILL";
        measure(row, scenario, () -> {
            WorkerKills kills = new WorkerKills(env.worker);
            List<CampaignFigures> figures = inWaves(
                    index -> CampaignRun.start(env, "kill" + index, FILES - 1),
                    (run, index) -> killedRun(run, index, kills));
            table.add(
                    row,
                    scenario,
                    "worker kills, one per run at its own point (" + kills.byPoint() + ")",
                    kills.total(),
                    RUNS);
            addRunFigures(row, scenario, figures);
        });
    }

    /**
     * One run of row 1: its kill at its own point, its cutover, its figures. A run whose kill or
     * cutover fails still reports its figures (it then misses "completed" or the kill count).
     */
    private CampaignFigures killedRun(CampaignRun run, int index, WorkerKills kills) {
        Random random = new Random(SEED * 1_000 + index);
        WorkerKills.Point point = WorkerKills.Point.values()[index % WorkerKills.Point.values().length];
        try {
            switch (point) {
                case FULL_RESTORE -> {
                    run.awaitJobsMade(1, PROGRESS_TIMEOUT);
                    if (!kills.tryKill(point, Duration.ofMillis(random.nextInt(150)))) {
                        killAfterNextCreate(run, random, kills);
                    }
                }
                case AFTER_CREATE -> {
                    run.awaitJobsMade(2 + random.nextInt(FILES - 2), RECOVERY_TIMEOUT);
                    if (!kills.tryKill(point, Duration.ofMillis(random.nextInt(30)))) {
                        killAfterNextCreate(run, random, kills);
                    }
                }
                case MID_CATCH_UP -> {
                    // A log job succeeded and the next ones are coming: a later moment is as good.
                    run.awaitSucceededJobs(2 + random.nextInt(FILES - 3), RECOVERY_TIMEOUT);
                    kills.kill(point, Duration.ofMillis(random.nextInt(1500)));
                }
                case DURING_CUTOVER -> {
                    // Killed once its cutover was accepted, below.
                }
            }
            cutOverAtFileCount(run);
            if (point == WorkerKills.Point.DURING_CUTOVER) {
                kills.kill(point, Duration.ofMillis(random.nextInt(800)));
            }
        } catch (RuntimeException | AssertionError e) {
            System.err.println(run.id + ": " + e);
        }
        CampaignReport report = awaitQuietly(run);
        run.feed.close();
        if (report == null) {
            run.stub().terminate("fault suite: did not complete in time");
        }
        return CampaignFigures.of(run, report);
    }

    /** Another run's kill was under way: this run's moves to right after its next create. */
    private static void killAfterNextCreate(CampaignRun run, Random random, WorkerKills kills) {
        // Until the cutover, only the files the source wrote by itself get a job.
        for (int made = run.jobsMade(); made < FILES - 1; made = run.jobsMade()) {
            run.awaitJobsMade(made + 1, RECOVERY_TIMEOUT);
            if (kills.tryKill(WorkerKills.Point.AFTER_CREATE, Duration.ofMillis(random.nextInt(30)))) {
                return;
            }
        }
        kills.kill(WorkerKills.Point.AFTER_CREATE, Duration.ZERO);
    }

    /** Row 2: the Temporal server stopped and started again on its database mid-campaign. */
    @Test
    @Order(2)
    @Timeout(900)
    void temporalServerRestartedMidCampaign() {
        String row = "2";
        String scenario = "Temporal restart";
        measure(row, scenario, () -> {
            CampaignRun run = CampaignRun.start(env, "restart", FILES - 1);
            run.awaitSucceededJobs(2, PROGRESS_TIMEOUT);
            env.temporal.stop();
            Waits.pause(Duration.ofSeconds(3));
            env.temporal.startAgain();
            cutOverAtFileCount(run);
            addCampaignFigures(row, scenario, run);
        });
    }

    /**
     * Rows 3 and 4 at once: one campaign under the simulator's DRS faults, another whose bucket
     * goes away for a while and receives a late file and a duplicate.
     */
    @Test
    @Order(3)
    @Timeout(900)
    void drsAndObsFaults() {
        env.simulator.faults("""
        {"error_rates": {"*": 0.2}, "error_status": 503, "throttle_rates": {"*": 0.1},
         "retry_after_seconds": 1, "latency_ms": 200, "drop_after_create_rate": 0.1,
         "timeout_rates": {"*": 0.1}, "timeout_ms": %d}
        """.formatted(DRS_HANG.toMillis()));
        try {
            CampaignRun drs = CampaignRun.start(env, "drsfaults", FILES - 1);
            CampaignRun obs = CampaignRun.start(env, "obsfaults", FILES - 1);
            // The DRS campaign's final is named first, so that its chain stops at FILES files while the
            // OBS row runs; a failure here is row 3's.
            RuntimeException[] drsCutoverFailure = new RuntimeException[1];
            try {
                cutOverAtFileCount(drs);
            } catch (RuntimeException e) {
                drsCutoverFailure[0] = e;
            }
            String drsScenario = "DRS faults (20% 5xx, 10% 429, 10% timeouts, 200 ms, 10% lost answers)";
            // Both rows are measured even when the first fails; the first failure is reported.
            AssertionError obsFailure = null;
            try {
                measure("4", "OBS faults", () -> obsFaults(obs));
            } catch (AssertionError e) {
                obsFailure = e;
            }
            measure("3", drsScenario, () -> {
                if (drsCutoverFailure[0] != null) {
                    throw drsCutoverFailure[0];
                }
                addCampaignFigures("3", drsScenario, drs);
            });
            if (obsFailure != null) {
                throw obsFailure;
            }
        } finally {
            env.simulator.faults(null);
        }
    }

    private void obsFaults(CampaignRun run) throws Exception {
        String row = "4";
        String scenario = "OBS faults";
        run.awaitSucceededJobs(3, RECOVERY_TIMEOUT);
        // Listings and copies fail while the S3 server is away.
        env.s3.interrupt(Duration.ofSeconds(4));
        // Then every listing takes longer than the poll interval while the late files and the
        // duplicate arrive: discovery passes overlap nothing and fall behind, and must still hand on
        // every file once, in order.
        long slowBefore = env.s3.slowListingsServed();
        env.s3.slowListings(SLOW_LISTING);
        // The full at 20:00, logs every 5 minutes: 20:05 and 20:10 are applied by now.
        List<BackupFeed.WrittenBackup> written = run.feed.written();
        BackupHeader firstLog = written.get(1).header();
        // A late log of the same server and database between two applied logs: its key sorts before
        // the stream's listing position, so only discovery's look-back for late backups sees it.
        String lateKey = olaKey(run, BackupFeed.SERVER, "20260301_200600");
        // Another server's late log and a duplicate: their keys sort after everything listed so far.
        String otherServerLateKey = olaKey(run, "SQL02", "20260301_200600");
        String duplicateKey = olaKey(run, "SQL02", "20260301_200700");
        byte[] lateContent = SimulatedBackupFile.toBytes(
                BackupHeader.log(firstLog.database(), 10, 20), SimulatedBackupFile.DEFAULT_FILLER_BYTES);
        env.s3.put(BackupFeed.BUCKET, lateKey, lateContent);
        env.s3.put(BackupFeed.BUCKET, otherServerLateKey, lateContent);
        try (InputStream content = env.s3.open(BackupFeed.BUCKET, written.get(1).key())) {
            env.s3.put(BackupFeed.BUCKET, duplicateKey, content.readAllBytes());
        }
        // Discovery runs, and so reports, once the campaign has applied the files it already holds;
        // row 3's DRS faults (timeouts of 3 s among them) hit this campaign's calls too, and at 30
        // files that backlog alone outlasted the 90 s a step is otherwise given.
        Waits.until("the late files and the duplicate reported", RECOVERY_TIMEOUT, () -> {
            List<String> reports = status(run).reports();
            return count(reports, "LATE " + lateKey)
                            + count(reports, "LATE " + otherServerLateKey)
                            + count(reports, "DUPLICATE " + duplicateKey)
                    >= 3;
        });
        Waits.until(
                "slow listings served",
                PROGRESS_TIMEOUT,
                () -> env.s3.slowListingsServed() - slowBefore >= MIN_SLOW_LISTINGS);
        env.s3.slowListings(Duration.ZERO);
        List<String> reports = status(run).reports();
        cutOverAtFileCount(run);
        addCampaignFigures(row, scenario, run);
        table.addAtLeast(
                row,
                scenario,
                "listings answered " + SLOW_LISTING.toMillis() + " ms late (poll every 1 s)",
                env.s3.slowListingsServed() - slowBefore,
                MIN_SLOW_LISTINGS);
        table.add(
                row,
                scenario,
                "late file of the same stream, sorting before its listing position, reported LATE",
                count(reports, "LATE " + lateKey),
                1);
        table.add(
                row,
                scenario,
                "late file of another server reported LATE",
                count(reports, "LATE " + otherServerLateKey),
                1);
        table.add(row, scenario, "duplicate reported DUPLICATE", count(reports, "DUPLICATE " + duplicateKey), 1);
        Set<String> neverSubmitted = Set.of(name(lateKey), name(otherServerLateKey), name(duplicateKey));
        long submitted = run.createCalls().stream()
                .flatMap(call -> call.objectKeys().stream())
                .filter(key -> neverSubmitted.contains(name(key)))
                .count();
        table.add(row, scenario, "late or duplicate submitted to DRS", submitted, 0);
    }

    /** Row 5: generated malformed specs and operator payloads, rejected before any DRS call. */
    @Test
    @Order(4)
    @Timeout(300)
    void badInputIsRejectedNamingTheField() {
        String row = "5";
        String scenario = "bad input";
        measure(row, scenario, () -> {
            int createsBefore = env.simulator.createCalls().size();
            CampaignSpec valid = MalformedSpecs.valid("cutover-bad-base", "e2ebadin04");
            table.add(
                    row,
                    scenario,
                    "violations of the valid base spec",
                    CampaignSpecValidator.validate(valid).size(),
                    0);
            List<MalformedSpecs.Case> cases = MalformedSpecs.generate(valid, BAD_SPECS, SEED);
            long namedByValidator = cases.stream()
                    .filter(c -> CampaignSpecValidator.validate(c.spec()).stream()
                            .anyMatch(v -> v.field().equals(c.field())))
                    .count();
            table.add(
                    row, scenario, "generated specs rejected naming the broken field", namedByValidator, cases.size());

            // One case per mutation started on the real server: the workflow fails naming the field.
            int onServer = Math.min(23, cases.size());
            List<WorkflowStub> started = new ArrayList<>();
            for (int i = 0; i < onServer; i++) {
                WorkflowStub stub = env.client.newUntypedWorkflowStub(
                        CampaignWorkflow.TYPE,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId("cutover-bad-" + i)
                                .setTaskQueue(WorkerProcess.TASK_QUEUE)
                                .setWorkflowRunTimeout(Duration.ofMinutes(2))
                                .build());
                stub.start(cases.get(i).spec(), null);
                started.add(stub);
            }
            long failedNamingField = 0;
            for (int i = 0; i < onServer; i++) {
                try {
                    started.get(i).getResult(60, TimeUnit.SECONDS, CampaignReport.class);
                } catch (WorkflowException e) {
                    failedNamingField += causeMessages(e).contains(cases.get(i).field() + ":") ? 1 : 0;
                }
            }
            table.add(
                    row,
                    scenario,
                    "malformed specs started as workflows, failed naming the field",
                    failedNamingField,
                    onServer);

            // Malformed cutover updates and skips sent to a running campaign.
            CampaignRun run = CampaignRun.start(env, "operator");
            run.awaitSucceededJobs(2, PROGRESS_TIMEOUT);
            List<String> badFinals = List.of(
                    "nonsense",
                    "x.bak",
                    name(run.feed.fullKey()),
                    "SQL01_OtherDb_LOG_20260301_201000.trn",
                    "../../etc/passwd",
                    "SQL01_" + "x".repeat(300) + "_LOG_20260301_201000.trn",
                    "<script>",
                    "SQL01_DbOperator_FULL_20260301_210000.bak",
                    "SQL01_DbOperator_DIFF_20260301_210000.bak",
                    " ");
            long updatesRejected = 0;
            for (String finalBackup : badFinals) {
                try {
                    run.stub().update("requestCutover", CutoverPlan.class, new CutoverRequest(finalBackup));
                } catch (WorkflowUpdateException rejected) {
                    updatesRejected++;
                }
            }
            table.add(
                    row,
                    scenario,
                    "malformed cutover updates rejected by the validator",
                    updatesRejected,
                    badFinals.size());
            List<SkipRequest> badSkips = List.of(
                    new SkipRequest(null, null),
                    new SkipRequest("", ""),
                    new SkipRequest("nope.trn", "why"),
                    new SkipRequest(run.feed.fullKey(), null),
                    new SkipRequest("x".repeat(500), " "));
            for (SkipRequest skip : badSkips) {
                run.stub().signal("skip", skip);
            }
            Waits.until(
                    "the skips noted",
                    PROGRESS_TIMEOUT,
                    () -> count(status(run).reports(), "skip ") >= badSkips.size());
            CampaignStatus afterwards = status(run);
            table.add(
                    row,
                    scenario,
                    "malformed skips ignored (noted, campaign unchanged)",
                    afterwards.cutover() == null && afterwards.blockedReason() == null
                            ? count(afterwards.reports(), "skip ")
                            : 0,
                    badSkips.size());
            run.stub().signal("abort", new AbortRequest("fault suite: operator payloads checked"));
            awaitQuietly(run);
            run.feed.close();
            // The bad specs' target instances are theirs alone: no create may name one.
            Set<String> badTargets = new HashSet<>();
            cases.forEach(c -> badTargets.add(
                    c.spec().target() == null ? null : c.spec().target().instanceId()));
            long createsOfBadSpecs = env.simulator.createCalls().stream()
                    .skip(createsBefore)
                    .filter(call -> badTargets.contains(call.targetInstanceId()))
                    .count();
            table.add(row, scenario, "DRS creates caused by malformed specs", createsOfBadSpecs, 0);
        });
    }

    /**
     * Row 5, DRS side: a worker whose DRS answers only broken responses keeps running (no crash
     * loop) and its campaign stays blocked or retrying, its status answering.
     */
    @Test
    @Order(5)
    @Timeout(240)
    void malformedDrsAnswersNeitherCrashNorComplete() {
        String row = "5";
        String scenario = "malformed DRS answers";
        measure(row, scenario, () -> {
            // The regular worker leaves the task queue to one that talks to the broken DRS.
            env.worker.kill();
            Path dir = Files.createDirectories(env.dir.resolve("malformed-drs"));
            try (MalformedDrsServer drs = MalformedDrsServer.start();
                    WorkerProcess worker =
                            WorkerProcess.start(env.temporal.address(), drs.endpoint(), env.s3.endpoint(), dir)) {
                CampaignRun run = CampaignRun.start(env, "malformed");
                Waits.until(
                        "broken answers given",
                        Duration.ofSeconds(120),
                        () -> drs.requests() >= MalformedDrsServer.kinds());
                // The worker backs off between attempts (up to a minute): retrying is one more call within that.
                int answered = drs.requests();
                boolean retrying = retriedWithin(Duration.ofSeconds(65), () -> drs.requests() > answered);
                CampaignStatus status = status(run);
                table.addAtLeast(
                        row,
                        scenario,
                        "broken answers given (6 kinds, cycled)",
                        drs.requests(),
                        MalformedDrsServer.kinds());
                table.add(row, scenario, "worker crashed (process gone)", worker.isAlive() ? 0 : 1, 0);
                boolean heldBack = status.phase() != Phase.COMPLETED && (status.blockedReason() != null || retrying);
                table.add(row, scenario, "campaign blocked or retrying, status answering", heldBack ? 1 : 0, 1);
                run.stub().terminate("fault suite: malformed DRS answers checked");
                run.feed.close();
            } finally {
                env.worker.startAgain();
            }
        });
    }

    /**
     * Row 7 (issue 11): a DRS whose job list lags LIST_LAG behind its creates while a share of the
     * create answers is lost. A worker that looked a lost create up by name and took "not listed"
     * for "absent" would create the job twice; it must wait out its create visibility window
     * instead. RUNS campaigns of FILES files, WAVE at a time, on an environment of their own (its
     * simulator started with the lag).
     */
    @Test
    @Order(6)
    void listLagAndLostCreateAnswers() {
        String row = "7";
        String scenario =
                "list lag " + LIST_LAG.toSeconds() + " s, " + Math.round(LOST_ANSWERS * 100) + "% create answers lost";
        measure(row, scenario, () -> {
            try (E2eEnvironment lagging =
                    new E2eEnvironment("faults-list-lag", E2eEnvironment.RESTORE_TIME, DRS_TIMEOUT, LIST_LAG)) {
                lagging.simulator.faults("{\"drop_after_create_rate\": %s}".formatted(LOST_ANSWERS));
                List<CampaignRun> runs = new ArrayList<>();
                List<CampaignFigures> figures = inWaves(
                        index -> {
                            CampaignRun run = CampaignRun.start(lagging, "lag" + index, FILES - 1);
                            runs.add(run);
                            return run;
                        },
                        (run, index) -> cutOverAndCount(run));
                long lost = runs.stream()
                        .flatMap(run -> run.createCalls().stream())
                        .filter(call -> call.status() == 0 && call.jobId() != null)
                        .count();
                table.addAtLeast(row, scenario, "create answers lost after the job was made", lost, 1);
                addRunFigures(row, scenario, figures);
            }
        });
    }

    /**
     * Row 8 (issue 11): a campaign id used again after its run was terminated, aborted or completed,
     * on a new target instance and the same backups. The new run must make every job on the new
     * target itself, its full first, and adopt nothing of the earlier run.
     */
    @Test
    @Order(7)
    @Timeout(900)
    void aCampaignIdUsedAgainMakesItsOwnJobs() {
        String row = "8";
        String scenario = "campaign id used again";
        measure(row, scenario, () -> {
            List<CampaignFigures> figures = new ArrayList<>();
            long adopted = 0;
            long fullFirst = 0;
            long untouched = 0;
            for (EarlierRun ending : EarlierRun.values()) {
                String name = "again" + ending.name().toLowerCase(Locale.ROOT);
                CampaignRun first = CampaignRun.start(env, name, FILES - 1);
                first.awaitSucceededJobs(3, RECOVERY_TIMEOUT);
                switch (ending) {
                    case TERMINATED -> first.stub().terminate("fault suite: ended, to be started again");
                    case ABORTED -> {
                        first.stub().signal("abort", new AbortRequest("fault suite: aborted, to be started again"));
                        awaitQuietly(first);
                    }
                    case COMPLETED -> {
                        cutOverAtFileCount(first);
                        awaitQuietly(first);
                    }
                }
                int firstJobs = first.createCalls().size();
                CampaignRun second = first.startAgainOn("e2e" + name + "2in04");
                CampaignFigures secondFigures = cutOverAndCount(second);
                figures.add(secondFigures);
                Set<String> madeOnTarget = new HashSet<>();
                second.createCalls().forEach(call -> madeOnTarget.add(call.jobId()));
                CampaignReport report = awaitQuietly(second);
                if (report != null) {
                    adopted += report.backups().stream()
                            .map(AppliedBackup::jobId)
                            .filter(jobId -> jobId != null && !madeOnTarget.contains(jobId))
                            .count();
                }
                List<CreateCall> calls = second.createCalls();
                fullFirst += !calls.isEmpty() && calls.get(0).recoveryMode().equals("full") ? 1 : 0;
                untouched += first.createCalls().size() == firstJobs ? 1 : 0;
            }
            int cases = EarlierRun.values().length;
            table.add(
                    row,
                    scenario,
                    "jobs of the earlier run reported as the new run's (terminated, aborted, completed)",
                    adopted,
                    0);
            table.add(
                    row, scenario, "new runs whose first create on the new target is their own full", fullFirst, cases);
            table.add(row, scenario, "earlier targets left untouched by the new run", untouched, cases);
            addRunFigures(row, scenario, figures);
        });
    }

    /** How the earlier run of a campaign id ended before the id was used again. */
    private enum EarlierRun {
        TERMINATED,
        ABORTED,
        COMPLETED
    }

    /** Runs RUNS campaigns, WAVE at a time, each started by {@code start} and driven by {@code drive}. */
    private List<CampaignFigures> inWaves(
            IntFunction<CampaignRun> start, BiFunction<CampaignRun, Integer, CampaignFigures> drive) throws Exception {
        List<CampaignFigures> figures = new ArrayList<>();
        ExecutorService drivers = Executors.newFixedThreadPool(WAVE);
        try {
            for (int first = 0; first < RUNS; first += WAVE) {
                List<Future<CampaignFigures>> wave = new ArrayList<>();
                for (int index = first; index < Math.min(RUNS, first + WAVE); index++) {
                    // Started here, one thread: the environment's list of things to close is not shared.
                    CampaignRun run = start.apply(index);
                    int runIndex = index;
                    wave.add(drivers.submit(() -> drive.apply(run, runIndex)));
                    Waits.pause(RUN_SPACING);
                }
                for (Future<CampaignFigures> run : wave) {
                    figures.add(run.get(WAVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                }
            }
        } finally {
            drivers.shutdownNow();
        }
        return figures;
    }

    /** One run cut over at FILES files and awaited; its figures even when it failed. */
    private CampaignFigures cutOverAndCount(CampaignRun run) {
        try {
            cutOverAtFileCount(run);
        } catch (RuntimeException | AssertionError e) {
            System.err.println(run.id + ": " + e);
        }
        CampaignReport report = awaitQuietly(run);
        run.feed.close();
        if (report == null) {
            run.stub().terminate("fault suite: did not complete in time");
        }
        return CampaignFigures.of(run, report);
    }

    /** The exactly-once figures of several runs, summed into one row. */
    private void addRunFigures(String row, String scenario, List<CampaignFigures> figures) {
        int runs = figures.size();
        table.add(
                row,
                scenario,
                "duplicate jobs (" + runs + " runs of " + FILES + " files)",
                figures.stream().mapToLong(CampaignFigures::duplicateJobs).sum(),
                0);
        table.add(
                row,
                scenario,
                "lost files",
                figures.stream().mapToLong(CampaignFigures::lostFiles).sum(),
                0);
        table.add(
                row,
                scenario,
                "out-of-order submissions",
                figures.stream().mapToLong(CampaignFigures::outOfOrder).sum(),
                0);
        table.add(
                row,
                scenario,
                "runs without exactly one is_last_backup",
                figures.stream().filter(f -> f.lastBackupFlags() != 1).count(),
                0);
        table.add(
                row,
                scenario,
                "runs completed",
                figures.stream().filter(CampaignFigures::completed).count(),
                runs);
    }

    /** Row 6: the DRS token and the OBS keys in no history, log, file or status result. */
    @Test
    @Order(8)
    @Timeout(300)
    void noSecretAnywhere() {
        String row = "6";
        String scenario = "secrets";
        measure(row, scenario, () -> {
            SecretScan scan =
                    new SecretScan(List.of(WorkerProcess.DRS_TOKEN, S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
            long[] histories = scan.inHistories(env.client);
            table.add(row, scenario, "hits in " + histories[1] + " workflow histories", histories[0], 0);
            table.addAtLeast(row, scenario, "workflow runs scanned", histories[1], RUNS + 4);
            long[] files = scan.inFiles(env.dir.getParent());
            table.add(row, scenario, "hits in " + files[1] + " artifact files (logs, configs, database)", files[0], 0);
            long statusHits = statusResults.stream().mapToLong(scan::in).sum();
            table.add(row, scenario, "hits in " + statusResults.size() + " status query results", statusHits, 0);
        });
    }

    /**
     * The operator's cutover naming the final backup: once the campaign's full is restored and its
     * source has written its FILES - 1 backups, the application stops, one last log backup is taken
     * and named final, so that however far behind the faults put it, the campaign ends at a known
     * file, FILES in all.
     */
    private void cutOverAtFileCount(CampaignRun run) {
        run.awaitSucceededJobs(1, RECOVERY_TIMEOUT);
        Waits.until(
                (FILES - 1) + " files written",
                PROGRESS_TIMEOUT,
                () -> run.feed.written().size() >= FILES - 1);
        run.feed.close();
        String finalKey = run.feed.writeNextLogNow().key();
        // The simulator may have finished the full before the workflow has seen it: the validator
        // then answers "premature", and the operator asks again.
        Waits.until("the cutover accepted", RECOVERY_TIMEOUT, Duration.ofSeconds(1), () -> {
            run.cutoverWithCliUpdate(finalKey);
            return true;
        });
    }

    /** Waits for the report and adds the campaign's figures to the row; null if it did not complete. */
    private CampaignReport addCampaignFigures(String row, String scenario, CampaignRun run) {
        CampaignReport report = awaitQuietly(run);
        run.feed.close();
        if (report == null) {
            // Ended here, so that it sends nothing to DRS while the next rows count creates.
            run.stub().terminate("fault suite: did not complete in time");
        }
        CampaignFigures figures = CampaignFigures.of(run, report);
        table.add(row, scenario, "duplicate jobs", figures.duplicateJobs(), 0);
        table.add(row, scenario, "files lost (applied = all)", figures.lostFiles(), 0);
        table.addAtLeast(row, scenario, "files applied", figures.jobs() - figures.duplicateJobs(), FILES);
        table.add(row, scenario, "out-of-order submissions", figures.outOfOrder(), 0);
        table.add(row, scenario, "campaigns completed", figures.completed() ? 1 : 0, 1);
        return report;
    }

    private CampaignReport awaitQuietly(CampaignRun run) {
        try {
            CampaignReport report = run.awaitReport(REPORT_TIMEOUT);
            status(run);
            return report;
        } catch (AssertionError | WorkflowException e) {
            return null;
        }
    }

    private CampaignStatus status(CampaignRun run) {
        CampaignStatus status = run.status();
        try {
            statusResults.add(JSON.writeValueAsString(status));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return status;
    }

    /**
     * Runs one row: a failure before its figures is put in the table as a failed line; then every
     * figure of the row must meet its target.
     */
    private void measure(String row, String scenario, Executable body) {
        try {
            body.execute();
        } catch (Throwable failure) {
            table.addFailure(row, scenario, failure);
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(failure);
        }
        List<Executable> checks = table.figures().stream()
                .filter(f -> f.row().equals(row) && f.scenario().equals(scenario))
                .map(f -> (Executable) () -> assertTrue(f.met(), () -> "row " + row + ": " + f))
                .toList();
        assertAll("row " + row + " " + scenario, checks.stream());
    }

    private static boolean retriedWithin(Duration window, Supplier<Boolean> retried) {
        try {
            Waits.until("one more call", window, retried);
            return true;
        } catch (AssertionError noCall) {
            return false;
        }
    }

    private static long count(List<String> reports, String start) {
        return reports.stream().filter(line -> line.startsWith(start)).count();
    }

    private static String olaKey(CampaignRun run, String server, String takenAt) {
        String database = run.feed.written().get(0).header().database();
        return run.feed.prefix() + server + "_" + database + "_LOG_" + takenAt + ".trn";
    }

    private static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static String causeMessages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
