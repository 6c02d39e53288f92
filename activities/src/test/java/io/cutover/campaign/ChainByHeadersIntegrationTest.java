package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.headers.BackupHeader;
import io.cutover.headers.BackupHeaderWriter;
import io.cutover.headers.Lsn;
import io.cutover.headers.SqlServerFixtures;
import io.cutover.simulator.SimulatedJob;
import io.cutover.simulator.restore.DatabaseState;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpecs;
import io.cutover.spec.ChainSpec;
import io.cutover.spec.SourceSpec;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Real SQL Server backup chains (the fixture backups) through the campaign with its real
 * activities and the DRS simulator restoring by each file's header as SQL Server would: names that
 * do not sort, differentials, a missing log seen before any job, a full backup that is not one.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChainByHeadersIntegrationTest {

    private static final Duration STEP = Duration.ofMinutes(1);
    private static final String DATABASE = "RestoreTimeClean";
    private static final String FULL = "RestoreTimeClean/RestoreTimeClean.bak";

    @Test
    void restoreTimeCleanUploadedInTheOrderTakenCompletesWhateverItsNamesSay() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            List<String> taken = SqlServerFixtures.RESTORE_TIME_CLEAN;
            taken.subList(0, 4).forEach(path -> upload(it, path));
            String id = "rtc-names";
            it.start(spec(id, false));
            it.awaitStatus(id, s -> s.appliedCount() == 3, STEP, 60);
            taken.subList(4, 7).forEach(path -> upload(it, path));
            CampaignStatus caughtUp = it.awaitStatus(id, s -> s.appliedCount() == 5, STEP, 60);
            assertEquals("the backups' headers", caughtUp.chain().plannedBy());
            assertEquals(
                    "restored up to LSN 25000000021000001, taken 2017-06-01T13:24:13 at the source",
                    caughtUp.chain().restoredUpTo());

            CutoverPlan plan = it.campaign(id).requestCutover(new CutoverRequest("RestoreTimeClean2_3.trn"));
            assertTrue(plan.waitingForFinal());
            upload(it, taken.get(7));
            CampaignReport report = it.result(id);

            assertEquals(Phase.COMPLETED, report.finalPhase());
            assertEquals(
                    List.of(
                            "RestoreTimeClean.bak",
                            "RestoreTimeClean_1.trn",
                            "RestoreTimeClean_2.trn",
                            "RestoreTimeClean_3.trn",
                            "RestoreTimeClean2_1.trn",
                            "RestoreTimeClean2_2.trn",
                            "RestoreTimeClean2_3.trn"),
                    succeeded(report));
            List<SimulatedJob> jobs = it.simulator.jobs();
            assertTrue(jobs.stream().allMatch(job -> job.status().equals("SUCCESS")), jobs::toString);
            assertEquals(1, jobs.stream().filter(SimulatedJob::lastBackup).count());
            DatabaseState database = it.simulator
                    .database(IntegrationEnvironment.TARGET, DATABASE)
                    .orElseThrow();
            assertTrue(database.online());
            assertEquals("25000000022000001", database.nativeChain().lsn().toString());
        }
    }

    @Test
    void withDifferentialsOnTheDifferentialStandsForTheLogsItCovers() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            List<String> taken = SqlServerFixtures.RESTORE_TIME_CLEAN;
            taken.subList(0, 7).forEach(path -> upload(it, path));
            String id = "rtc-diff";
            it.start(spec(id, true));
            it.awaitStatus(id, s -> s.appliedCount() == 3, STEP, 60);
            it.campaign(id).requestCutover(new CutoverRequest("RestoreTimeClean2_3.trn"));
            upload(it, taken.get(7));
            CampaignReport report = it.result(id);

            assertEquals(
                    List.of(
                            "RestoreTimeClean.bak",
                            "RestoreTimeClean2.bak",
                            "RestoreTimeClean2_1.trn",
                            "RestoreTimeClean2_2.trn",
                            "RestoreTimeClean2_3.trn"),
                    succeeded(report));
            assertEquals(
                    List.of("RestoreTimeClean_1.trn", "RestoreTimeClean_2.trn", "RestoreTimeClean_3.trn"),
                    report.backups().stream()
                            .filter(entry -> entry.outcome() == Outcome.COVERED)
                            .map(entry -> name(entry.key()))
                            .toList());
            assertTrue(it.simulator.jobs().stream().allMatch(job -> job.status().equals("SUCCESS")));
        }
    }

    @Test
    void aMissingLogIsNamedAndAlarmedWithoutAJobAndTheChainGoesOnWhenItArrives() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            List<String> taken = SqlServerFixtures.RESTORE_TIME_CLEAN;
            upload(it, taken.get(0));
            upload(it, taken.get(1));
            upload(it, taken.get(3));
            String id = "rtc-gap";
            it.start(spec(id, false));

            CampaignStatus waiting =
                    it.awaitStatus(id, s -> s.chain() != null && s.chain().waitingFor() != null, STEP, 60);
            assertEquals(1, waiting.appliedCount());
            assertTrue(
                    waiting.chain()
                            .waitingFor()
                            .startsWith("waiting for a log backup that includes LSN 25000000015300001"),
                    waiting.chain().waitingFor());
            assertEquals(2, it.simulator.jobs().size(), "no job for the log after the gap");
            CampaignStatus alarmed = it.awaitStatus(
                    id,
                    s -> s.alarms().stream().anyMatch(alarm -> alarm.contains("find the missing log backup")),
                    STEP,
                    30);
            assertTrue(
                    alarmed.alarms().toString().contains("25000000015300001"),
                    alarmed.alarms().toString());

            upload(it, taken.get(2));
            CampaignStatus resumed = it.awaitStatus(id, s -> s.appliedCount() == 3, STEP, 60);
            assertNull(resumed.chain().waitingFor());
            assertTrue(resumed.alarms().stream().noneMatch(alarm -> alarm.contains("find the missing log backup")));
            assertTrue(it.simulator.jobs().stream().allMatch(job -> job.status().equals("SUCCESS")));
            it.campaign(id).abort(new AbortRequest("test over"));
        }
    }

    /**
     * OlaMsFilter/complex (two fulls, four differentials, twelve logs across both fulls), uploaded
     * in shuffled orders: the same twelve logs are applied in chain order, the second full is
     * ignored and the differentials on it are reported, never submitted.
     */
    @Test
    void olaComplexInShuffledUploadOrdersAppliesTheSameChain() {
        List<String> logs = SqlServerFixtures.OLA_COMPLEX.stream()
                .filter(path -> path.contains("/Log/"))
                .map(SqlServerFixtures::fileName)
                .toList();
        for (long seed : new long[] {3, 11}) {
            try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
                List<String> shuffled = new ArrayList<>(SqlServerFixtures.OLA_COMPLEX);
                Collections.shuffle(shuffled, new Random(seed));
                shuffled.forEach(path -> upload(it, path));
                String id = "ola-" + seed;
                it.start(spec(id, false, SqlServerFixtures.OLA_COMPLEX.get(0), "OlaMsFilterTest"));
                it.awaitStatus(id, s -> s.appliedCount() == 12, STEP, 60);
                it.campaign(id).requestCutover(new CutoverRequest(null));
                String tail = "tail.trn";
                BackupHeader last = SqlServerFixtures.header(SqlServerFixtures.OLA_COMPLEX.get(17));
                BackupHeader tailHeader = last.toBuilder()
                        .lastLsn(new Lsn(last.lastLsn().vlf(), last.lastLsn().block() + 100, 1))
                        .backupStartDate(LocalDateTime.ofInstant(
                                Instant.ofEpochMilli(it.env.currentTimeMillis()).plusSeconds(30), ZoneOffset.UTC))
                        .timeZoneQuarterHours(0)
                        .build();
                it.store.put(
                        IntegrationEnvironment.BUCKET,
                        IntegrationEnvironment.PREFIX + tail,
                        BackupHeaderWriter.write(tailHeader, 1024));
                CampaignReport report = it.result(id);

                List<String> applied = succeeded(report);
                assertEquals(SqlServerFixtures.fileName(SqlServerFixtures.OLA_COMPLEX.get(0)), applied.get(0));
                assertEquals(logs, applied.subList(1, 13), "upload order of seed " + seed);
                assertEquals(tail, applied.get(13));
                assertEquals(
                        List.of("test_DIFF_20160629_142500.bak", "test_DIFF_20160629_142800.bak"),
                        report.backups().stream()
                                .filter(entry -> entry.outcome() == Outcome.WRONG_BASE)
                                .map(entry -> name(entry.key()))
                                .sorted()
                                .toList());
                assertTrue(it.simulator.jobs().stream()
                        .allMatch(job -> job.status().equals("SUCCESS")));
            }
        }
    }

    /** A final the database is already past is refused, saying so, before anything changes. */
    @Test
    void aFinalAlreadyRestoredIsRefusedSayingTheDatabaseIsPastIt() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            SqlServerFixtures.RESTORE_TIME_CLEAN.subList(0, 4).forEach(path -> upload(it, path));
            String id = "rtc-past";
            it.start(spec(id, false));
            it.awaitStatus(id, s -> s.appliedCount() == 3, STEP, 60);

            WorkflowUpdateException refused = assertThrows(
                    WorkflowUpdateException.class,
                    () -> it.campaign(id).requestCutover(new CutoverRequest("RestoreTimeClean_2.trn")));

            String message = String.valueOf(refused.getCause().getMessage());
            assertTrue(
                    message.contains(
                            "final backup RestoreTimeClean_2.trn was restored already (LOG of RestoreTimeClean,"
                                    + " LSN 25000000015300001 to 25000000016300001"),
                    message);
            assertNull(it.status(id).cutover(), "the request changed nothing");
            it.campaign(id).abort(new AbortRequest("test over"));
        }
    }

    /**
     * "The next log backup" is the first one taken after the request, by its header: a log taken
     * before the request but uploaded after it (a copy job running behind) is applied as an
     * ordinary log, not made the final one, which would lose what the tail-log backup holds.
     */
    @Test
    void theNextLogBackupIsTheFirstTakenAfterTheRequestNotTheFirstUploadedAfterIt() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            upload(it, "RestoreTimeClean/RestoreTimeClean.bak");
            upload(it, "RestoreTimeClean/RestoreTimeClean_1.trn");
            String id = "rtc-next";
            it.start(spec(id, false));
            it.awaitStatus(id, s -> s.appliedCount() == 1, STEP, 60);

            it.campaign(id).requestCutover(new CutoverRequest(null));
            LocalDateTime requested =
                    LocalDateTime.ofInstant(Instant.ofEpochMilli(it.env.currentTimeMillis()), ZoneOffset.UTC);
            writeTaken(it, "RestoreTimeClean/RestoreTimeClean_2.trn", "late_copy.trn", requested.minusMinutes(5));
            writeTaken(it, "RestoreTimeClean/RestoreTimeClean_3.trn", "tail.trn", requested.plusMinutes(1));
            CampaignReport report = it.result(id);

            assertEquals(Phase.COMPLETED, report.finalPhase());
            List<AppliedBackup> applied =
                    report.backups().stream().filter(AppliedBackup::succeeded).toList();
            assertEquals(
                    List.of("RestoreTimeClean.bak", "RestoreTimeClean_1.trn", "late_copy.trn", "tail.trn"),
                    applied.stream().map(entry -> name(entry.key())).toList());
            assertEquals(
                    List.of("tail.trn"),
                    applied.stream()
                            .filter(AppliedBackup::lastBackup)
                            .map(entry -> name(entry.key()))
                            .toList());
        }
    }

    /** A fixture log's LSNs under another name, taken at {@code taken} (UTC) by its header. */
    private static void writeTaken(IntegrationEnvironment it, String path, String name, LocalDateTime taken) {
        BackupHeader header = SqlServerFixtures.header(path).toBuilder()
                .backupStartDate(taken)
                .timeZoneQuarterHours(0)
                .build();
        it.store.put(
                IntegrationEnvironment.BUCKET,
                IntegrationEnvironment.PREFIX + name,
                BackupHeaderWriter.write(header, 1024));
    }

    @Test
    void aDifferentialNamedAsTheFullFailsTheCampaignNamingTheFieldBeforeAnyJob() {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolder()) {
            upload(it, "RestoreTimeClean/RestoreTimeClean2.bak");
            String id = "rtc-not-full";
            CampaignSpec spec = spec(id, false);
            SourceSpec source = spec.source();
            it.start(withSource(
                    spec,
                    new SourceSpec(
                            source.bucket(),
                            source.prefix(),
                            IntegrationEnvironment.PREFIX + "RestoreTimeClean2.bak",
                            null,
                            DATABASE,
                            source.stagingPrefix(),
                            null)));

            WorkflowFailedException failed = assertThrows(
                    WorkflowFailedException.class,
                    () -> WorkflowStub.fromTyped(it.campaign(id))
                            .getResult(60, TimeUnit.SECONDS, CampaignReport.class));
            String message = String.valueOf(failed.getCause().getMessage());
            assertTrue(message.contains("source.fullBackup: "), message);
            assertTrue(message.contains("is not a full backup: its header says DIFF of RestoreTimeClean"), message);
            assertEquals(List.of(), it.simulator.jobs());
        }
    }

    /**
     * Records the history the workflows module replays in every build (replay-lsn-chain): a gap
     * waited on and alarmed, a differential bridging it, the log it covers reported, a named final
     * by headers. Run by hand: {@code mvn -pl activities test -Dtest=ChainByHeadersIntegrationTest
     * -DrecordHistories=true}, then commit the file.
     */
    @Test
    @EnabledIfSystemProperty(named = "recordHistories", matches = "true")
    void recordLsnChain() throws IOException {
        try (IntegrationEnvironment it = IntegrationEnvironment.onLocalFolderAsInProduction()) {
            List<String> taken = SqlServerFixtures.RESTORE_TIME_CLEAN;
            upload(it, taken.get(0));
            upload(it, taken.get(1));
            upload(it, taken.get(3));
            String id = "replay-lsn-chain";
            it.start(spec(id, true));
            it.awaitStatus(id, s -> s.alarms().stream().anyMatch(a -> a.contains("find the missing log")), STEP, 60);
            taken.subList(4, 7).forEach(path -> upload(it, path));
            it.awaitStatus(id, s -> s.appliedCount() == 4, STEP, 60);
            it.campaign(id).requestCutover(new CutoverRequest("RestoreTimeClean2_3.trn"));
            upload(it, taken.get(7));
            assertEquals(Phase.COMPLETED, it.result(id).finalPhase());
            Path directory = Path.of("../workflows/src/test/resources/histories");
            List<WorkflowExecutionHistory> runs = it.histories(id);
            for (int i = 0; i < runs.size(); i++) {
                Files.writeString(
                        directory.resolve(id + "-run" + (i + 1) + ".json"),
                        runs.get(i).toJson(true),
                        StandardCharsets.UTF_8);
            }
        }
    }

    private static void upload(IntegrationEnvironment it, String path) {
        it.store.put(IntegrationEnvironment.BUCKET, key(path), SqlServerFixtures.bytes(path));
    }

    private static String key(String path) {
        return IntegrationEnvironment.PREFIX + SqlServerFixtures.fileName(path);
    }

    private static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static List<String> succeeded(CampaignReport report) {
        return report.backups().stream()
                .filter(AppliedBackup::succeeded)
                .map(entry -> name(entry.key()))
                .toList();
    }

    /** No naming convention: the names say nothing, the headers say everything. */
    private static CampaignSpec spec(String id, boolean differentials) {
        return spec(id, differentials, FULL, DATABASE);
    }

    private static CampaignSpec spec(String id, boolean differentials, String fullPath, String database) {
        CampaignSpec base = CampaignSpecs.fullAndIncremental(
                id,
                IntegrationEnvironment.TARGET,
                IntegrationEnvironment.BUCKET,
                IntegrationEnvironment.PREFIX,
                key(fullPath),
                database,
                IntegrationEnvironment.STAGING);
        SourceSpec source = base.source();
        CampaignSpec spec = withSource(
                base,
                new SourceSpec(
                        source.bucket(),
                        source.prefix(),
                        source.fullBackup(),
                        null,
                        database,
                        source.stagingPrefix(),
                        null));
        return new CampaignSpec(
                spec.campaignId(),
                spec.mode(),
                spec.target(),
                spec.source(),
                spec.restore(),
                spec.jobNamePrefix(),
                spec.enterpriseProjectId(),
                spec.tags(),
                spec.description(),
                spec.timing(),
                new ChainSpec(differentials, 600, 0));
    }

    private static CampaignSpec withSource(CampaignSpec spec, SourceSpec source) {
        return new CampaignSpec(
                spec.campaignId(),
                spec.mode(),
                spec.target(),
                source,
                spec.restore(),
                spec.jobNamePrefix(),
                spec.enterpriseProjectId(),
                spec.tags(),
                spec.description(),
                spec.timing(),
                spec.chain());
    }

    static {
        assertNotNull(SqlServerFixtures.bytes(FULL));
    }
}
