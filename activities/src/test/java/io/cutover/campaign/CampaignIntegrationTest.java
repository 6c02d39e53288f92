package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.backup.CampaignLedger;
import io.cutover.simulator.RecordedRequest;
import io.cutover.simulator.SimulatedJob;
import io.cutover.simulator.backupfile.BackupType;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpecs;
import io.cutover.spec.RestoreOptions;
import io.cutover.spec.SourceSpec;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed's scenarios end to end with the real activities (see {@link IntegrationEnvironment}),
 * checked on what the DRS simulator recorded: the jobs, their order, one job per file, and
 * is_last_backup=true exactly once and last.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CampaignIntegrationTest {

    private static final Duration STEP = Duration.ofMinutes(1);
    private static final String FULL = "SQL01_Sales_FULL_20261128_120000.bak";

    private static String log(int minute) {
        return String.format("SQL01_Sales_LOG_20261128_12%02d00.trn", minute);
    }

    private static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static CampaignSpec fullAndIncremental(String id, String fullKey) {
        return CampaignSpecs.fullAndIncremental(
                id,
                IntegrationEnvironment.TARGET,
                IntegrationEnvironment.BUCKET,
                IntegrationEnvironment.PREFIX,
                fullKey,
                IntegrationEnvironment.DATABASE,
                IntegrationEnvironment.STAGING);
    }

    /**
     * Once {@code applied} log backups are in, the operator stops the application and names the
     * tail-log backup, which is then taken (LSNs from {@code firstLsn}) and uploaded. Returns the
     * report.
     */
    private static CampaignReport cutOverOnTheTailLog(
            IntegrationEnvironment it, String id, int applied, String tail, long firstLsn) {
        it.awaitStatus(id, s -> s.appliedCount() == applied, STEP, 60);
        CutoverPlan plan = it.campaign(id).requestCutover(new CutoverRequest(tail));
        assertEquals(tail, name(plan.finalBackup()));
        assertTrue(plan.waitingForFinal(), "the tail was not taken yet");
        it.upload(tail, BackupType.LOG, firstLsn, firstLsn + 100);
        return it.result(id);
    }

    /** One job per file, in the order given, the last one alone with is_last_backup=true. */
    private static void assertChain(List<SimulatedJob> jobs, List<String> recoveryModes) {
        assertEquals(
                recoveryModes, jobs.stream().map(SimulatedJob::recoveryMode).toList());
        assertTrue(jobs.stream().allMatch(job -> job.status().equals("SUCCESS")), jobs::toString);
        assertEquals(
                jobs.size(),
                jobs.stream().map(job -> job.fileNames().get(0)).distinct().count(),
                "one job per file");
        assertEquals(
                jobs.size(), jobs.stream().map(SimulatedJob::name).distinct().count());
        assertEquals(1, jobs.stream().filter(SimulatedJob::lastBackup).count(), "is_last_backup=true exactly once");
        assertTrue(jobs.get(jobs.size() - 1).lastBackup(), "and on the last job");
    }

    @Test
    void fullAndIncrementalCutsOverThroughTheUpdateAndKeepsNoSecretInHistory() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            String full = it.upload(FULL, BackupType.FULL, 1, 100);
            it.upload(log(10), BackupType.LOG, 100, 200);
            it.upload(log(20), BackupType.LOG, 200, 300);
            CampaignWorkflow campaign = it.start(fullAndIncremental("sales-it", full));

            CampaignReport report = cutOverOnTheTailLog(it, "sales-it", 2, log(30), 300);

            assertEquals(Phase.COMPLETED, report.finalPhase());
            List<SimulatedJob> jobs = it.simulator.jobs();
            assertChain(jobs, List.of("full", "incre", "incre", "incre"));
            assertTrue(it.simulator
                    .database(IntegrationEnvironment.TARGET, "Sales")
                    .orElseThrow()
                    .online());
            List<AppliedBackup> ledger = new CampaignLedger(it.store)
                    .read(IntegrationEnvironment.BUCKET, report.ledger().key());
            assertEquals(
                    jobs.stream().map(SimulatedJob::id).toList(),
                    ledger.stream().map(AppliedBackup::jobId).toList(),
                    "the ledger lists the simulator's jobs in order");
            for (WorkflowExecutionHistory history : it.histories("sales-it")) {
                assertFalse(
                        history.toJson(false).contains(IntegrationEnvironment.TOKEN), "the token is in the history");
            }
            assertFalse(campaign.status().toString().contains(IntegrationEnvironment.TOKEN));
        }
    }

    /**
     * The README's minimal spec typed by hand, as into the Temporal UI's start dialog (no CLI to
     * fill its defaults): the worker fills them when it reads the spec, and the campaign runs.
     */
    @Test
    void aMinimalSpecTypedByHandStartsACampaignWithTheDefaults() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            String full = it.upload(FULL, BackupType.FULL, 1, 100);
            it.upload(log(10), BackupType.LOG, 100, 200);
            Map<String, Object> typed = Map.of(
                    "campaignId",
                    "sales-typed",
                    "target",
                    Map.of("instanceId", IntegrationEnvironment.TARGET),
                    "source",
                    Map.of(
                            "bucket", IntegrationEnvironment.BUCKET,
                            "prefix", IntegrationEnvironment.PREFIX,
                            "fullBackup", full,
                            "database", IntegrationEnvironment.DATABASE));
            it.startTyped("sales-typed", typed);

            CampaignStatus applied =
                    it.awaitStatus("sales-typed", s -> s.appliedCount() == 1, Duration.ofMinutes(1), 60);

            assertEquals(Phase.CATCHING_UP, applied.phase(), applied::toString);
            List<SimulatedJob> jobs = it.simulator.jobs();
            assertEquals(
                    List.of("full", "incre"),
                    jobs.stream().map(SimulatedJob::recoveryMode).toList());
            assertTrue(jobs.stream().allMatch(job -> job.status().equals("SUCCESS")), jobs::toString);
            assertTrue(jobs.stream().noneMatch(SimulatedJob::lastBackup), "no cutover was asked: " + jobs);
            assertTrue(
                    jobs.get(0).name().startsWith("sales-typed"),
                    "the job name prefix is made from the campaign id: "
                            + jobs.get(0).name());
            it.campaign("sales-typed").abort(new AbortRequest("test over"));
        }
    }

    @Test
    void oneTimeFullIsOneLastJob() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            String full = it.upload(FULL, BackupType.FULL, 1, 100);
            it.start(CampaignSpecs.oneTimeFull(
                    "sales-once",
                    IntegrationEnvironment.TARGET,
                    IntegrationEnvironment.BUCKET,
                    full,
                    IntegrationEnvironment.STAGING));

            CampaignReport report = it.result("sales-once");

            assertEquals(Phase.COMPLETED, report.finalPhase());
            assertChain(it.simulator.jobs(), List.of("full"));
            assertEquals(1, report.ledger().entries());
            assertTrue(it.simulator
                    .database(IntegrationEnvironment.TARGET, "Sales")
                    .orElseThrow()
                    .online());
        }
    }

    @Test
    void rdsFullIsOneLastJobFromTheRdsBackup() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            SourceSpec.RdsBackup backup = new SourceSpec.RdsBackup(
                    "0d87037d934848999fdc10bbabb08e6fbr04", "2019_EE", "7fb189b57339473a929d41dabb3878a2in04");
            it.start(CampaignSpecs.rdsFull("rds-copy", IntegrationEnvironment.TARGET, backup));

            CampaignReport report = it.result("rds-copy");

            assertEquals(Phase.COMPLETED, report.finalPhase());
            List<SimulatedJob> jobs = it.simulator.jobs();
            assertChain(jobs, List.of("full"));
            assertEquals("RDS", jobs.get(0).fileSource());
            assertNull(report.ledger(), "an RDS restore has no bucket to keep a ledger in");
            assertEquals(1, report.backups().size());
        }
    }

    /**
     * A stray log backup (from another chain) breaks the LSN chain: DRS fails its job, the campaign
     * blocks with DRS's error_log; a retry submits it again under a new name and fails the same
     * way; a skip leaves it out and the chain goes on with the right next file.
     */
    @Test
    void anLsnGapBlocksWithTheErrorLogAndRetryThenSkipGoOn() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            String full = it.upload(FULL, BackupType.FULL, 1, 100);
            it.upload(log(10), BackupType.LOG, 100, 200);
            it.upload(log(15), BackupType.LOG, 250, 260);
            it.upload(log(20), BackupType.LOG, 200, 300);
            CampaignWorkflow campaign = it.start(fullAndIncremental("sales-gap", full));

            CampaignStatus blocked = it.awaitStatus("sales-gap", s -> s.phase() == Phase.BLOCKED, STEP, 60);
            SimulatedJob failed = it.simulator.jobs().get(2);
            assertEquals("FAILED", failed.status());
            assertFalse(failed.errorLog().isEmpty());
            assertTrue(blocked.blockedReason().contains(failed.errorLog()), blocked.blockedReason());

            campaign.retry();
            it.awaitStatus("sales-gap", s -> it.simulator.jobs().size() == 4 && s.phase() == Phase.BLOCKED, STEP, 60);
            SimulatedJob retried = it.simulator.jobs().get(3);
            assertEquals(failed.fileNames(), retried.fileNames(), "the retry submits the same file");
            assertNotEquals(failed.name(), retried.name(), "under a new attempt name");
            assertEquals("FAILED", retried.status());

            campaign.skip(new SkipRequest(log(15), "stray log backup from a test restore"));
            CampaignReport report = cutOverOnTheTailLog(it, "sales-gap", 2, log(30), 300);

            assertEquals(Phase.COMPLETED, report.finalPhase());
            List<SimulatedJob> jobs = it.simulator.jobs();
            assertChain(
                    List.of(jobs.get(0), jobs.get(1), jobs.get(4), jobs.get(5)),
                    List.of("full", "incre", "incre", "incre"));
            List<AppliedBackup> ledger = new CampaignLedger(it.store)
                    .read(IntegrationEnvironment.BUCKET, report.ledger().key());
            assertTrue(
                    ledger.stream()
                            .anyMatch(e -> name(e.key()).equals(log(15))
                                    && e.outcome() == Outcome.SKIPPED
                                    && e.note().equals("stray log backup from a test restore")),
                    ledger::toString);
            assertEquals(
                    2,
                    ledger.stream().filter(e -> e.outcome() == Outcome.FAILED).count());
        }
    }

    /**
     * A log backup uploaded after its successor was submitted: the successor fails on the LSN gap
     * the simulator checks, and once the late file is in the bucket the retry applies it first, so
     * the chain is whole without a new full restore.
     */
    @Test
    void aRetryAppliesTheLogBackupThatArrivedLateAndTheChainGoesOn() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            String full = it.upload(FULL, BackupType.FULL, 1, 100);
            it.upload(log(10), BackupType.LOG, 100, 200);
            it.upload(log(20), BackupType.LOG, 300, 400);
            CampaignWorkflow campaign = it.start(fullAndIncremental("sales-late", full));

            CampaignStatus blocked = it.awaitStatus("sales-late", s -> s.phase() == Phase.BLOCKED, STEP, 60);
            assertEquals("FAILED", it.simulator.jobs().get(2).status());
            it.upload(log(15), BackupType.LOG, 200, 300);
            // The late file has settled (two minutes by the spec's timing) when the operator retries.
            it.env.sleep(Duration.ofSeconds(CampaignSpecs.DEFAULT_TIMING.settleSeconds() + 60));
            campaign.retry();
            CampaignReport report = cutOverOnTheTailLog(it, "sales-late", 3, log(30), 400);

            assertEquals(Phase.COMPLETED, report.finalPhase(), blocked.blockedReason());
            List<SimulatedJob> jobs = it.simulator.jobs();
            assertEquals(6, jobs.size(), jobs::toString);
            assertChain(
                    List.of(jobs.get(0), jobs.get(1), jobs.get(3), jobs.get(4), jobs.get(5)),
                    List.of("full", "incre", "incre", "incre", "incre"));
            assertEquals(jobs.get(2).fileNames(), jobs.get(4).fileNames(), "the blocked file, after the late one");
            assertTrue(it.simulator
                    .database(IntegrationEnvironment.TARGET, "Sales")
                    .orElseThrow()
                    .online());
        }
    }

    @Test
    void anAnswerDroppedAfterCreateStillGivesExactlyOneJobPerFile() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            String full = it.upload(FULL, BackupType.FULL, 1, 100);
            it.upload(log(10), BackupType.LOG, 100, 200);
            it.simulator.faults().dropNextCreates(2);
            it.start(fullAndIncremental("sales-drop", full));

            CampaignReport report = cutOverOnTheTailLog(it, "sales-drop", 1, log(20), 200);

            assertEquals(Phase.COMPLETED, report.finalPhase());
            assertChain(it.simulator.jobs(), List.of("full", "incre", "incre"));
            List<RecordedRequest> unanswered = it.simulator.requests().stream()
                    .filter(r -> r.method().equals("POST") && r.createdJobId() != null && r.status() == 0)
                    .toList();
            assertEquals(2, unanswered.size(), "two creates made their job and gave no answer");
        }
    }

    @Test
    void onAnS3StoreTheCampaignStagesDiscoversAndKeepsItsLedger() throws Exception {
        try (IntegrationEnvironment it = IntegrationEnvironment.onS3()) {
            String full = it.upload(FULL, BackupType.FULL, 1, 100);
            it.upload(log(10), BackupType.LOG, 100, 200);
            // Without the files (they are in S3), the simulator takes the database from db_names.
            CampaignSpec spec = fullAndIncremental("sales-s3", full);
            RestoreOptions intoSales = new RestoreOptions(List.of("Sales"), false, false, null, true, true);
            it.start(new CampaignSpec(
                    spec.campaignId(),
                    spec.mode(),
                    spec.target(),
                    spec.source(),
                    intoSales,
                    spec.jobNamePrefix(),
                    spec.enterpriseProjectId(),
                    spec.tags(),
                    spec.description(),
                    spec.timing()));

            CampaignReport report = cutOverOnTheTailLog(it, "sales-s3", 1, log(20), 200);

            assertEquals(Phase.COMPLETED, report.finalPhase());
            List<SimulatedJob> jobs = it.simulator.jobs();
            assertChain(jobs, List.of("full", "incre", "incre"));
            for (SimulatedJob job : jobs.subList(1, 3)) {
                assertTrue(
                        it.store
                                .head(
                                        IntegrationEnvironment.BUCKET,
                                        IntegrationEnvironment.STAGING
                                                + job.fileNames().get(0))
                                .isPresent(),
                        "the staged copy DRS was given exists: " + job.fileNames());
            }
            assertEquals(
                    3,
                    new CampaignLedger(it.store)
                            .read(IntegrationEnvironment.BUCKET, report.ledger().key())
                            .size());
        }
    }
}
