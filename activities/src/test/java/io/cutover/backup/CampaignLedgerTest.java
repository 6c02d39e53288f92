package io.cutover.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.obs.services.ObsClient;
import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.JobRequest.RecoveryMode;
import io.cutover.activity.LedgerKeys;
import io.cutover.activity.LedgerSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger on both stores: parts written whole, joined in order, a missing part refused. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CampaignLedgerTest {

    private static final String BUCKET = "backups";
    private static final String FOLDER = LedgerKeys.folder("staging/sales/", "sales-cutover");

    @TempDir
    static Path root;

    private static S3TestServer server;
    private static ObsBackupStore obs;
    private static LocalBackupStore local;
    private static ObsClient client;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start();
        obs = new ObsBackupStore(server.config());
        client = S3Objects.client(server.config());
        client.createBucket(BUCKET);
        local = new LocalBackupStore(root);
    }

    @AfterAll
    static void stop() throws Exception {
        obs.close();
        client.close();
        server.close();
    }

    /** Both stores; they belong to the class, so the parameterized tests must not close them. */
    static Stream<BackupStore> stores() {
        return Stream.of(local, obs);
    }

    private static AppliedBackup entry(String key, Outcome outcome) {
        return new AppliedBackup(
                key,
                key + ".bak",
                "job-" + key,
                "id-" + key,
                RecoveryMode.INCRE,
                false,
                1_000,
                2_000,
                outcome,
                outcome == Outcome.SUCCESS ? null : "restore failed: LSN gap, \"quoted\"\nsecond line");
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("stores")
    void partsAreJoinedInOrderIntoTheReportAndTheOutcomesCounted(BackupStore store) {
        CampaignLedger ledger = new CampaignLedger(store);
        String folder = FOLDER + store.getClass().getSimpleName() + "/";
        List<AppliedBackup> first =
                List.of(entry("a", Outcome.SUCCESS), entry("b", Outcome.FAILED), entry("b", Outcome.SUCCESS));
        List<AppliedBackup> second = List.of(entry("c", Outcome.SKIPPED), entry("d", Outcome.SUCCESS));
        ledger.append(BUCKET, LedgerKeys.part(folder, 0), first);
        ledger.append(BUCKET, LedgerKeys.part(folder, 1), second);

        LedgerSummary summary = ledger.assemble(BUCKET, folder, 2, LedgerKeys.report(folder));

        assertEquals(
                new LedgerSummary(
                        BUCKET, LedgerKeys.report(folder), 5, Map.of("SUCCESS", 3, "FAILED", 1, "SKIPPED", 1)),
                summary);
        List<AppliedBackup> report = ledger.read(BUCKET, LedgerKeys.report(folder));
        assertEquals(Stream.concat(first.stream(), second.stream()).toList(), report, "every entry, in order, intact");
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("stores")
    void writingAPartAgainReplacesIt(BackupStore store) {
        CampaignLedger ledger = new CampaignLedger(store);
        String folder = FOLDER + "again-" + store.getClass().getSimpleName() + "/";
        ledger.append(BUCKET, LedgerKeys.part(folder, 0), List.of(entry("a", Outcome.SUCCESS)));
        ledger.append(BUCKET, LedgerKeys.part(folder, 0), List.of(entry("a", Outcome.SUCCESS)));

        assertEquals(
                1, ledger.assemble(BUCKET, folder, 1, LedgerKeys.report(folder)).entries());
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("stores")
    void aMissingPartFailsForGoodAndWritesNoReport(BackupStore store) {
        CampaignLedger ledger = new CampaignLedger(store);
        String folder = FOLDER + "gap-" + store.getClass().getSimpleName() + "/";
        ledger.append(BUCKET, LedgerKeys.part(folder, 0), List.of(entry("a", Outcome.SUCCESS)));

        BackupStoreException e = assertThrows(
                BackupStoreException.class, () -> ledger.assemble(BUCKET, folder, 2, LedgerKeys.report(folder)));

        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains(LedgerKeys.part(folder, 1)), e.getMessage());
        assertEquals(Optional.empty(), store.read(BUCKET, LedgerKeys.report(folder)));
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("stores")
    void putThenReadGivesTheBytesBackAndAMissingObjectIsEmpty(BackupStore store) {
        byte[] content = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        store.put(BUCKET, "misc/object.txt", content);
        assertEquals(
                "line one\nline two\n",
                new String(store.read(BUCKET, "misc/object.txt").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), store.read(BUCKET, "misc/missing.txt"));
    }

    @Test
    void aLocalPutLeavesNoTemporaryFileBehind() {
        local.put(BUCKET, "tmp/one.jsonl", new byte[] {1, 2, 3});
        assertEquals(
                List.of("tmp/one.jsonl"),
                local.list(BUCKET, "tmp/", null, 10).objects().stream()
                        .map(StoredObject::key)
                        .toList());
    }
}
