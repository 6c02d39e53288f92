package io.cutover.simulator;

import static io.cutover.simulator.SimulatorHttp.seedExample;
import static io.cutover.simulator.SimulatorHttp.seedExampleTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.simulator.backupfile.BackupHeader;
import io.cutover.simulator.backupfile.SimulatedBackupFile;
import io.cutover.simulator.bucket.FakeS3;
import io.cutover.simulator.restore.DatabaseState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job lifecycles over HTTP, against a local bucket of simulated backups: what succeeds and what
 * fails the way DRS and SQL Server would.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LifecycleTest extends SimulatorHttpTest {

    private static final String INSTANCE = "0a3182607bc549bcb46cc9a8755761a6in04";
    private static final String BUCKET = "zyy-obs";
    private static final String FOLDER = "floder/";

    @TempDir
    Path bucketRoot;

    private final BackupHeader full = BackupHeader.full("sales", 1_000, 2_000);
    private final BackupHeader log1 = full.nextLog(500); // [2000, 2500)
    private final BackupHeader log2 = log1.nextLog(500); // [2500, 3000)
    private final BackupHeader log3 = log2.nextLog(500); // [3000, 3500)

    @BeforeEach
    void start() {
        restart(SimulatorOptions.builder().bucketRoot(bucketRoot));
    }

    @Test
    void aFullThenLogsInChainOrderThenTheLastLogBringsTheDatabaseOnline() {
        put("sales_full.bak", full);
        put("sales_log1.bak", log1);
        put("sales_log2.bak", log2);

        String fullJob = submit("sales_full.bak", "full", false, true);
        String log1Job = submit("sales_log1.bak", "incre", false, true);
        assertEquals(false, database("sales").online());
        String log2Job = submit("sales_log2.bak", "incre", true, true);

        for (String jobId : List.of(fullJob, log1Job, log2Job)) {
            JsonNode shown = http.showOk(jobId);
            assertEquals(
                    "SUCCESS",
                    shown.get("status").asText(),
                    shown.get("error_log").asText());
        }
        DatabaseState sales = database("sales");
        assertTrue(sales.online());
        assertEquals(3_000L, sales.nextLsn());
        JsonNode fileInfo = http.showOk(log1Job).at("/backup_info/file_info/0");
        assertEquals("sales_log1.bak", fileInfo.get("file_name").asText());
        assertTrue(Long.parseLong(fileInfo.get("file_size").asText()) > SimulatedBackupFile.DEFAULT_FILLER_BYTES);
    }

    @Test
    void increWithoutAFullFails() {
        put("sales_log1.bak", log1);

        JsonNode shown = http.showOk(submit("sales_log1.bak", "incre", false, true));

        assertEquals("FAILED", shown.get("status").asText());
        assertTrue(
                shown.get("error_log").asText().contains("no full backup of database sales"),
                shown.get("error_log").asText());
    }

    @Test
    void increAfterTheDatabaseIsOnlineFails() {
        put("sales_full.bak", full);
        put("sales_log1.bak", log1);
        submit("sales_full.bak", "full", true, true);

        JsonNode shown = http.showOk(submit("sales_log1.bak", "incre", false, true));

        assertEquals("FAILED", shown.get("status").asText());
        assertTrue(
                shown.get("error_log").asText().contains("already online"),
                shown.get("error_log").asText());
    }

    @Test
    void aFailedJobChangesNothing() {
        put("sales_full.bak", full);
        put("sales_log1.bak", log1);
        put("sales_log2.bak", log2);
        submit("sales_full.bak", "full", false, true);

        assertEquals("FAILED", status(submit("sales_log2.bak", "incre", true, true)));

        assertFalse(database("sales").online(), "the failed last backup did not bring it online");
        assertEquals("SUCCESS", status(submit("sales_log1.bak", "incre", false, true)));
    }

    @Test
    void precheckFailsOnAFileMissingFromTheBucket() {
        JsonNode shown = http.showOk(submit("sales_full.bak", "full", false, true));

        assertEquals("PRECHECK FAILED", shown.get("status").asText());
        assertTrue(
                shown.get("error_log").asText().contains(FOLDER + "sales_full.bak"),
                shown.get("error_log").asText());
    }

    @Test
    void withoutPrecheckAMissingFileFailsTheRestore() {
        JsonNode shown = http.showOk(submit("sales_full.bak", "full", false, false));

        assertEquals("FAILED", shown.get("status").asText());
        assertTrue(shown.get("error_log").asText().contains("does not exist"));
    }

    @Test
    void aGapInTheLogChainFailsNamingBothLsns() {
        put("sales_full.bak", full);
        put("sales_log1.bak", log1);
        put("sales_log3.bak", log3);
        submit("sales_full.bak", "full", false, true);
        submit("sales_log1.bak", "incre", false, true);

        JsonNode shown = http.showOk(submit("sales_log3.bak", "incre", false, true));

        assertEquals("FAILED", shown.get("status").asText());
        String errorLog = shown.get("error_log").asText();
        assertTrue(errorLog.contains("begins at LSN 3000"), errorLog);
        assertTrue(errorLog.contains("includes LSN 2500"), errorLog);
    }

    @Test
    void aFirstLogThatStartsAfterTheFullEndsIsAGap() {
        put("sales_full.bak", full);
        put("sales_log2.bak", log2);
        submit("sales_full.bak", "full", false, true);

        String errorLog = http.showOk(submit("sales_log2.bak", "incre", false, true))
                .get("error_log")
                .asText();

        assertTrue(errorLog.contains("begins at LSN 2500") && errorLog.contains("includes LSN 2000"), errorLog);
    }

    @Test
    void theFirstLogMayStartBeforeTheFullEndsAsLongAsItReachesPastIt() {
        put("sales_full.bak", full);
        put("sales_log0.bak", BackupHeader.log("sales", 1_500, 2_200));
        submit("sales_full.bak", "full", false, true);

        assertEquals("SUCCESS", status(submit("sales_log0.bak", "incre", false, true)));
        assertEquals(2_200L, database("sales").nextLsn());
    }

    @Test
    void aLogThatEndsBeforeTheChainPositionIsTooEarly() {
        put("sales_full.bak", full);
        put("sales_log1.bak", log1);
        put("sales_log2.bak", log2);
        submit("sales_full.bak", "full", false, true);
        submit("sales_log1.bak", "incre", false, true);
        submit("sales_log2.bak", "incre", false, true);

        String errorLog = http.showOk(submit("sales_log1.bak", "incre", false, true))
                .get("error_log")
                .asText();

        assertTrue(errorLog.contains("terminates at LSN 2500") && errorLog.contains("includes LSN 3000"), errorLog);
    }

    @Test
    void anOverlappingLogSubmittedOutOfOrderFails() {
        put("sales_full.bak", full);
        put("sales_log1.bak", log1);
        put("sales_overlap.bak", BackupHeader.log("sales", 2_400, 2_800));
        submit("sales_full.bak", "full", false, true);
        submit("sales_log1.bak", "incre", false, true);

        JsonNode shown = http.showOk(submit("sales_overlap.bak", "incre", false, true));

        assertEquals("FAILED", shown.get("status").asText());
        String errorLog = shown.get("error_log").asText();
        assertTrue(
                errorLog.contains("LSN 2400") && errorLog.contains("LSN 2500") && errorLog.contains("out of order"),
                errorLog);
    }

    @Test
    void filesWithoutAHeaderPassWithoutLsnChecks() throws Exception {
        Files.createDirectories(bucketRoot.resolve(BUCKET).resolve(FOLDER));
        Files.writeString(bucketRoot.resolve(BUCKET).resolve(FOLDER).resolve("ims.bak"), "real backup bytes");
        Files.writeString(bucketRoot.resolve(BUCKET).resolve(FOLDER).resolve("ims_log1.bak"), "log bytes");

        assertEquals("SUCCESS", status(submit("ims.bak", "full", false, true)));
        assertEquals("SUCCESS", status(submit("ims_log1.bak", "incre", false, true)));
        assertEquals(null, database("ims").nextLsn());
    }

    @Test
    void aDamagedHeaderFailsTheRestore() throws Exception {
        Files.createDirectories(bucketRoot.resolve(BUCKET).resolve(FOLDER));
        Files.writeString(
                bucketRoot.resolve(BUCKET).resolve(FOLDER).resolve("sales_full.bak"),
                "DRSSIM-BACKUP v1 db=sales type=FULL first_lsn=x last_lsn=9\n");

        JsonNode shown = http.showOk(submit("sales_full.bak", "full", false, false));

        assertEquals("FAILED", shown.get("status").asText());
        assertTrue(shown.get("error_log").asText().contains("damaged"));
    }

    @Test
    void aLogBackupSubmittedAsFullFails() {
        put("sales_log1.bak", log1);

        String errorLog = http.showOk(submit("sales_log1.bak", "full", false, true))
                .get("error_log")
                .asText();

        assertTrue(errorLog.contains("is a transaction log backup"), errorLog);
    }

    @Test
    void aSecondFullWithoutCoverFailsAndWithCoverRestartsTheChain() {
        put("sales_full.bak", full);
        put("sales_log1.bak", log1);
        submit("sales_full.bak", "full", false, true);
        submit("sales_log1.bak", "incre", false, true);

        ObjectNode noCover = job("sales_full.bak", "full", false, true);
        ((ObjectNode) noCover.get("options")).put("is_cover", false);
        assertEquals("FAILED", status(http.createOk(noCover)));
        assertEquals(2_500L, database("sales").nextLsn());

        assertEquals("SUCCESS", status(submit("sales_full.bak", "full", false, true)));
        assertEquals(2_000L, database("sales").nextLsn());
    }

    @Test
    void theDatabaseComesFromDbNamesWhenNotRestoringByDefault() {
        put("sales_full.bak", full);
        ObjectNode named = job("sales_full.bak", "full", false, true);
        ((ObjectNode) named.get("options")).put("is_default_restore", false);
        ((ObjectNode) named.get("options")).putArray("db_names").add("SALES");
        ObjectNode wrong = job("sales_full.bak", "full", false, true);
        ((ObjectNode) wrong.get("options")).put("is_default_restore", false);
        ((ObjectNode) wrong.get("options")).putArray("db_names").add("billing");

        assertEquals("SUCCESS", status(http.createOk(named)));
        JsonNode refused = http.showOk(http.createOk(wrong));

        assertEquals(List.of("SALES"), simulator.jobs().get(0).databases());
        assertEquals("FAILED", refused.get("status").asText());
        assertTrue(refused.get("error_log").asText().contains("database billing is not in backup file"));
    }

    @Test
    void withoutHeadersTheSeedsIncrementalExampleChainsByFileName() {
        restart(SimulatorOptions.builder()); // no bucket: every file exists, none has a header

        assertEquals("SUCCESS", status(http.createOk(SimulatorHttp.seedExampleTree("obs-full-then-incre"))));
        assertEquals("SUCCESS", status(http.createOk(SimulatorHttp.seedExampleTree("obs-incre"))));
        assertEquals("SUCCESS", status(http.createOk(SimulatorHttp.seedExampleTree("obs-incre-last"))));
        assertEquals("FAILED", status(http.createOk(SimulatorHttp.seedExampleTree("obs-incre"))));
        assertTrue(simulator.database(INSTANCE, "ims").orElseThrow().online());
    }

    @Test
    void theRdsExampleRestoresItsDatabases() {
        String jobId = http.createOk(SimulatorHttp.seedExampleTree("rds-full"));

        assertEquals("SUCCESS", status(jobId));
        assertTrue(
                simulator.database(INSTANCE, "db_hailiang_schema").orElseThrow().online());
        assertTrue(seedExample("rds-full").contains("\"is_last_backup\" : \"\""));
        assertTrue(simulator.jobs().get(0).lastBackup(), "an RDS restore sent with \"\" is a last backup");
    }

    @Test
    void logChainsAreCheckedInAnS3BucketToo() throws IOException {
        try (FakeS3 s3 = new FakeS3()) {
            restart(SimulatorOptions.builder().s3Endpoint(s3.endpoint()));
            s3.put(BUCKET, FOLDER + "sales_full.bak", SimulatedBackupFile.toBytes(full, 100));
            s3.put(BUCKET, FOLDER + "sales_log2.bak", SimulatedBackupFile.toBytes(log2, 100));

            assertEquals("SUCCESS", status(submit("sales_full.bak", "full", false, true)));
            JsonNode gap = http.showOk(submit("sales_log2.bak", "incre", false, true));
            JsonNode missing = http.showOk(submit("sales_log1.bak", "incre", false, true));

            assertEquals("FAILED", gap.get("status").asText());
            assertTrue(gap.get("error_log").asText().contains("includes LSN 2000"));
            assertEquals("PRECHECK FAILED", missing.get("status").asText());
        }
    }

    @Test
    void aJobIsTransferringUntilTheRestoreTimeHasPassed() throws InterruptedException {
        restart(SimulatorOptions.builder().bucketRoot(bucketRoot).restoreTime(Duration.ofSeconds(2)));
        put("sales_full.bak", full);

        String jobId = submit("sales_full.bak", "full", false, true);
        JsonNode running = http.showOk(jobId);

        assertEquals("TRANSFERRING", running.get("status").asText());
        assertEquals("", running.get("finish_time").asText());
        assertEquals(
                1,
                SimulatorHttp.json(http.list("status=TRANSFERRING"))
                        .get("count")
                        .asInt());
        assertEquals(400, http.delete(jobId).statusCode(), "a running job cannot be deleted");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (status(jobId).equals("TRANSFERRING") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("SUCCESS", status(jobId));
        assertFalse(http.showOk(jobId).get("finish_time").asText().isEmpty());
    }

    /**
     * A target instance that runs at most one job at once refuses a second create while the first
     * restores (400, DRS's generic code, no job made), takes a create for another instance, and
     * takes the same create again once the first job has ended.
     */
    @Test
    void aCreateBeyondTheInstancesLimitOfRunningJobsIsRefusedAndMakesNoJob() {
        restart(SimulatorOptions.builder()
                .bucketRoot(bucketRoot)
                .restoreTime(Duration.ofMillis(1500))
                .maxRunningJobsPerInstance(1));
        put("sales_full.bak", full);
        put("sales_log1.bak", log1);
        String fullJob = submit("sales_full.bak", "full", false, true);

        var refused = http.create(job("sales_log1.bak", "incre", false, true));
        assertEquals(400, refused.statusCode(), refused.body());
        JsonNode error = SimulatorHttp.json(refused);
        assertEquals("DRS.10000001", error.get("error_code").asText());
        assertTrue(error.get("error_msg").asText().contains("already runs 1"), refused.body());
        assertEquals(1, simulator.jobs().size(), "the refused create made no job");

        ObjectNode elsewhere = job("sales_full.bak", "full", false, true);
        ((ObjectNode) elsewhere.get("target_db_info")).put("target_instance_id", "another0instance0in04");
        assertEquals(200, http.create(elsewhere).statusCode(), "another instance has its own limit");

        awaitEnd(fullJob);
        assertEquals("SUCCESS", status(fullJob));
        assertEquals("SUCCESS", awaitEnd(submit("sales_log1.bak", "incre", false, true)));
    }

    /** Reads the job until it has ended (bounded: 40 reads 100 ms apart); its status. */
    private String awaitEnd(String jobId) {
        for (int i = 0; i < 40; i++) {
            String status = status(jobId);
            if (!status.equals("TRANSFERRING")) {
                return status;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("job " + jobId + " still TRANSFERRING after 4 s");
    }

    private void put(String fileName, BackupHeader header) {
        SimulatedBackupFile.write(bucketRoot.resolve(BUCKET).resolve(FOLDER).resolve(fileName), header);
    }

    private String submit(String fileName, String mode, boolean last, boolean precheck) {
        return http.createOk(job(fileName, mode, last, precheck));
    }

    /** The seed's incremental example with another file and options. */
    private static ObjectNode job(String fileName, String mode, boolean last, boolean precheck) {
        ObjectNode body = seedExampleTree("obs-incre");
        ((ObjectNode) body.at("/backup_info/files/0")).put("name", fileName);
        ObjectNode options = (ObjectNode) body.get("options");
        options.put("recovery_mode", mode);
        options.put("is_last_backup", last);
        options.put("is_precheck", precheck);
        return body;
    }

    private String status(String jobId) {
        return http.showOk(jobId).get("status").asText();
    }

    private DatabaseState database(String name) {
        return simulator.database(INSTANCE, name).orElseThrow(() -> new AssertionError("no database " + name));
    }
}
