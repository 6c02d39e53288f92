package io.cutover.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.BackupFile;
import io.cutover.activity.BackupReport;
import io.cutover.activity.BackupReport.Problem;
import io.cutover.activity.ChainRequest;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.activity.HeaderFacts;
import io.cutover.drs.MutableClock;
import io.cutover.headers.BackupHeader;
import io.cutover.headers.BackupHeaderWriter;
import io.cutover.headers.Lsn;
import io.cutover.headers.SqlServerFixtures;
import io.cutover.spec.SourceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain planned by the backups' headers, on the real fixture backups (their first 64 KiB) and on
 * backups written with chosen headers: any names, gaps named before any job, each file checked,
 * differentials, and the mistakes others made (shared/reference/sqlserver-backup-headers.md).
 */
class ChainDiscoveryTest {

    private static final String BUCKET = "backups";
    private static final String PREFIX = "sql01/";

    @TempDir
    Path root;

    private LocalBackupStore store;
    private MutableClock clock;
    private HeaderCache headers;

    @BeforeEach
    void setUp() {
        store = new LocalBackupStore(root);
        // Ahead of the files' times: a local folder's objects settle by age.
        clock = new MutableClock(Instant.now().plus(Duration.ofHours(1)));
        headers = new HeaderCache();
    }

    @Test
    void restoreTimeCleanWithNamesThatDoNotSortIsPlannedInChainOrder() {
        SqlServerFixtures.RESTORE_TIME_CLEAN.forEach(this::upload);

        DiscoveryResult pass = discover(chain("RestoreTimeClean/RestoreTimeClean.bak", false), null);

        assertEquals(
                List.of(
                        "RestoreTimeClean_1.trn",
                        "RestoreTimeClean_2.trn",
                        "RestoreTimeClean_3.trn",
                        "RestoreTimeClean2_1.trn",
                        "RestoreTimeClean2_2.trn",
                        "RestoreTimeClean2_3.trn"),
                names(pass.ready()));
        assertEquals(List.of(), pass.reports(), "the differential is left out without a word while they are off");
        assertNull(pass.gap());
    }

    @Test
    void withDifferentialsOnTheDifferentialReplacesTheLogsItCoversAndTheyAreReportedCovered() {
        SqlServerFixtures.RESTORE_TIME_CLEAN.forEach(this::upload);

        DiscoveryResult pass = discover(chain("RestoreTimeClean/RestoreTimeClean.bak", true), null);

        assertEquals(
                List.of(
                        "RestoreTimeClean2.bak",
                        "RestoreTimeClean2_1.trn",
                        "RestoreTimeClean2_2.trn",
                        "RestoreTimeClean2_3.trn"),
                names(pass.ready()));
        assertEquals(
                Map.of(
                        PREFIX + "RestoreTimeClean_1.trn", Problem.COVERED,
                        PREFIX + "RestoreTimeClean_2.trn", Problem.COVERED,
                        PREFIX + "RestoreTimeClean_3.trn", Problem.COVERED),
                problems(pass));
    }

    @Test
    void olaComplexInAnyUploadOrderGivesTheSameChainAcrossTheSecondFull() {
        List<String> expected = SqlServerFixtures.OLA_COMPLEX.stream()
                .filter(path -> path.contains("/Log/"))
                .map(SqlServerFixtures::fileName)
                .toList();
        for (long seed = 1; seed <= 5; seed++) {
            setUp();
            List<String> shuffled = new ArrayList<>(SqlServerFixtures.OLA_COMPLEX);
            Collections.shuffle(shuffled, new Random(seed));
            shuffled.forEach(this::upload);

            DiscoveryResult pass = discover(chain(SqlServerFixtures.OLA_COMPLEX.get(0), false), null);

            assertEquals(expected, names(pass.ready()), "upload order of seed " + seed);
            assertEquals(
                    Map.of(
                            PREFIX + "test_DIFF_20160629_142500.bak", Problem.WRONG_BASE,
                            PREFIX + "test_DIFF_20160629_142800.bak", Problem.WRONG_BASE),
                    problems(pass),
                    "differentials on the second full are reported, never submitted");
        }
    }

    @Test
    void withDifferentialsOnTheNewestOnTheFullIsUsedAndALogEndingExactlyAtItIsCovered() {
        SqlServerFixtures.OLA_COMPLEX.forEach(this::upload);

        DiscoveryResult pass = discover(chain(SqlServerFixtures.OLA_COMPLEX.get(0), true), null);

        assertEquals(
                List.of(
                        "test_DIFF_20160629_141900.bak",
                        "test_LOG_20160629_142100.trn",
                        "test_LOG_20160629_142300.trn",
                        "test_LOG_20160629_142400.trn",
                        "test_LOG_20160629_142600.trn",
                        "test_LOG_20160629_142700.trn",
                        "test_LOG_20160629_142900.trn",
                        "test_LOG_20160629_143000.trn"),
                names(pass.ready()));
        // test_LOG_142000 ends at 21000000019900001, the differential's LastLSN (dbatools #2167).
        assertEquals(Problem.COVERED, problems(pass).get(PREFIX + "test_LOG_20160629_142000.trn"));
        assertEquals(Problem.WRONG_BASE, problems(pass).get(PREFIX + "test_DIFF_20160629_142500.bak"));
    }

    @Test
    void aMissingLogIsNamedBeforeAnyJobAndTheChainGoesOnWhenItArrives() {
        SqlServerFixtures.RESTORE_TIME_CLEAN.stream()
                .filter(path -> !path.endsWith("RestoreTimeClean_2.trn"))
                .forEach(this::upload);
        ChainRequest chain = chain("RestoreTimeClean/RestoreTimeClean.bak", false);

        DiscoveryResult first = discover(chain, null);

        assertEquals(List.of("RestoreTimeClean_1.trn"), names(first.ready()));
        assertEquals(
                "waiting for a log backup that includes LSN 25000000015300001; the next log in the bucket, " + PREFIX
                        + "RestoreTimeClean_3.trn, starts at LSN 25000000016300001: a log backup is missing",
                first.gap());

        ChainRequest waiting = after(chain, first.ready(), first.gap());
        DiscoveryResult stillWaiting = discover(waiting, first.next());
        assertEquals(List.of(), stillWaiting.ready());
        assertEquals(first.gap(), stillWaiting.gap());

        upload("RestoreTimeClean/RestoreTimeClean_2.trn");
        DiscoveryResult arrived = discover(waiting, stillWaiting.next());
        assertEquals(
                List.of(
                        "RestoreTimeClean_2.trn",
                        "RestoreTimeClean_3.trn",
                        "RestoreTimeClean2_1.trn",
                        "RestoreTimeClean2_2.trn",
                        "RestoreTimeClean2_3.trn"),
                names(arrived.ready()));
        assertNull(arrived.gap());
    }

    @Test
    void theGapAlarmFallsDueAtTheRequestedTime() {
        SqlServerFixtures.RESTORE_TIME_CLEAN.stream()
                .filter(path -> !path.endsWith("RestoreTimeClean_1.trn"))
                .forEach(this::upload);
        ChainRequest base = chain("RestoreTimeClean/RestoreTimeClean.bak", false);
        long due = clock.instant().plusSeconds(600).toEpochMilli();
        ChainRequest waiting = new ChainRequest(base.full(), base.headOrderKey(), false, 0, null, due);

        assertTrue(!discover(waiting, null).gapAlarmDue());
        clock.advance(Duration.ofSeconds(600));
        assertTrue(discover(waiting, null).gapAlarmDue());
    }

    @Test
    void everyFileThatWouldFailAJobGetsItsNamedProblemOnceAndTheChainGoesOn() {
        SqlServerFixtures.RESTORE_TIME_CLEAN.forEach(this::upload);
        BackupHeader log = SqlServerFixtures.header("RestoreTimeClean/RestoreTimeClean2_3.trn");
        store.put(BUCKET, PREFIX + "other-database.bak", SqlServerFixtures.bytes("DoubleDiffing/difftest-full.bak"));
        store.put(BUCKET, PREFIX + "random.trn", randomBytes());
        store.put(BUCKET, PREFIX + "empty.trn", new byte[0]);
        store.put(
                BUCKET,
                PREFIX + "truncated.trn",
                java.util.Arrays.copyOf(SqlServerFixtures.bytes("RestoreTimeClean/RestoreTimeClean2_3.trn"), 0xE20));
        store.put(BUCKET, PREFIX + "striped.trn", BackupHeaderWriter.write(later(log, 1, 3, false, "10.50.1600"), 512));
        store.put(BUCKET, PREFIX + "password.trn", BackupHeaderWriter.write(later(log, 2, 1, true, "10.50.1600"), 512));
        store.put(BUCKET, PREFIX + "newer.trn", BackupHeaderWriter.write(later(log, 3, 1, false, "16.0.1000"), 512));
        ChainRequest base = chain("RestoreTimeClean/RestoreTimeClean.bak", false);
        ChainRequest chain = new ChainRequest(base.full(), base.headOrderKey(), false, 15, null, -1);

        DiscoveryResult first = discover(chain, null);

        assertEquals(6, first.ready().size(), "the chain itself goes on: " + names(first.ready()));
        assertEquals(
                Map.of(
                        PREFIX + "other-database.bak", Problem.OTHER_DATABASE,
                        PREFIX + "random.trn", Problem.UNREADABLE,
                        PREFIX + "empty.trn", Problem.UNREADABLE,
                        PREFIX + "truncated.trn", Problem.UNREADABLE,
                        PREFIX + "striped.trn", Problem.STRIPED,
                        PREFIX + "password.trn", Problem.PASSWORD,
                        PREFIX + "newer.trn", Problem.TOO_NEW),
                problems(first));
        BackupReport truncated = first.reports().stream()
                .filter(r -> r.key().endsWith("truncated.trn"))
                .findFirst()
                .orElseThrow();
        assertTrue(truncated.reason().contains("truncated"), truncated.reason());

        clock.advance(Duration.ofMinutes(5));
        DiscoveryResult second = discover(after(chain, first.ready(), null), first.next());
        assertEquals(List.of(), second.reports(), "reported once");
    }

    @Test
    void aCopyOnlyLogOverlappingTheRegularOneIsNotAppliedTwice() {
        upload("RestoreTimeClean/RestoreTimeClean.bak");
        upload("RestoreTimeClean/RestoreTimeClean_1.trn");
        BackupHeader second = SqlServerFixtures.header("RestoreTimeClean/RestoreTimeClean_2.trn");
        // A copy-only log taken between: it starts where the next regular log starts, and ends sooner.
        BackupHeader copyOnly = withRange(second, second.firstLsn(), Lsn.parse("25000000015800001"), "copy");
        store.put(BUCKET, PREFIX + "copy_only.trn", BackupHeaderWriter.write(copyOnly, 512));
        upload("RestoreTimeClean/RestoreTimeClean_2.trn");
        upload("RestoreTimeClean/RestoreTimeClean_3.trn");

        DiscoveryResult pass = discover(chain("RestoreTimeClean/RestoreTimeClean.bak", false), null);

        assertEquals(
                List.of("RestoreTimeClean_1.trn", "RestoreTimeClean_2.trn", "RestoreTimeClean_3.trn"),
                names(pass.ready()));
        assertEquals(Map.of(PREFIX + "copy_only.trn", Problem.COVERED), problems(pass));
    }

    /**
     * dbatools #2376 and #7515: the first log is the one holding the full's LastLSN, even when it
     * starts before the full's FirstLSN and still names the previous full as its base.
     */
    @Test
    void theFirstLogIsFoundByTheFullsLastLsnWhateverItsStartAndItsBase() {
        upload("RestoreTimeClean/RestoreTimeClean.bak");
        BackupHeader full = SqlServerFixtures.header("RestoreTimeClean/RestoreTimeClean.bak");
        BackupHeader first = SqlServerFixtures.header("RestoreTimeClean/RestoreTimeClean_1.trn").toBuilder()
                .firstLsn(new Lsn(full.firstLsn().vlf() - 1, 500, 1))
                .databaseBackupLsn(Lsn.parse("24000000001200037"))
                .build();
        store.put(BUCKET, PREFIX + "first.trn", BackupHeaderWriter.write(first, 512));
        // A log that ends inside the full's range is no part of the chain after it.
        BackupHeader inside = first.toBuilder()
                .lastLsn(new Lsn(full.lastLsn().vlf(), full.lastLsn().block() - 1, 1))
                .backupSetGuid(UUID.nameUUIDFromBytes("inside".getBytes()))
                .build();
        store.put(BUCKET, PREFIX + "inside.trn", BackupHeaderWriter.write(inside, 512));
        upload("RestoreTimeClean/RestoreTimeClean_2.trn");

        DiscoveryResult pass = discover(chain("RestoreTimeClean/RestoreTimeClean.bak", false), null);

        assertEquals(List.of("first.trn", "RestoreTimeClean_2.trn"), names(pass.ready()));
        assertEquals(List.of(), pass.reports());
    }

    @Test
    void eachHeaderIsReadOnceWhateverTheNumberOfPasses() {
        SqlServerFixtures.RESTORE_TIME_CLEAN.forEach(this::upload);
        ChainRequest chain = chain("RestoreTimeClean/RestoreTimeClean.bak", false);
        DiscoveryResult pass = discover(chain, null);
        long afterFirst = headers.reads();

        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            pass = discover(chain, pass.next());
        }

        assertEquals(7, afterFirst, "one ranged GET for each object but the full");
        assertEquals(afterFirst, headers.reads());
    }

    // ---- helpers ----

    private DiscoveryResult discover(ChainRequest chain, DiscoveryCursor cursor) {
        SourceSpec source = new SourceSpec(BUCKET, PREFIX, PREFIX + fullName(chain), null, null, "staging/", null);
        return new ChainDiscovery(store, headers, clock).discover(new DiscoveryRequest(source, 0, cursor, 50, chain));
    }

    private String fullFile;

    private String fullName(ChainRequest chain) {
        return fullFile;
    }

    private ChainRequest chain(String fullPath, boolean differentials) {
        fullFile = SqlServerFixtures.fileName(fullPath);
        HeaderFacts full = HeaderFacts.of(SqlServerFixtures.header(fullPath));
        return new ChainRequest(full, full.orderKey(), differentials, 0, null, -1);
    }

    /** The chain once the campaign took the files: its head is the last of them. */
    private static ChainRequest after(ChainRequest chain, List<BackupFile> taken, String knownGap) {
        String head = taken.isEmpty()
                ? chain.headOrderKey()
                : taken.get(taken.size() - 1).orderKey();
        return new ChainRequest(
                chain.full(),
                head,
                chain.differentials(),
                chain.targetMajorVersion(),
                knownGap,
                chain.gapAlarmDueMillis());
    }

    private void upload(String path) {
        store.put(BUCKET, PREFIX + SqlServerFixtures.fileName(path), SqlServerFixtures.bytes(path));
    }

    private static List<String> names(List<BackupFile> files) {
        return files.stream().map(BackupFile::fileName).toList();
    }

    private static Map<String, Problem> problems(DiscoveryResult result) {
        return result.reports().stream().collect(Collectors.toMap(BackupReport::key, BackupReport::problem));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[20_000];
        new Random(18).nextBytes(bytes);
        return bytes;
    }

    /** A log after {@code log}, striped, with a password or from another version. */
    private static BackupHeader later(BackupHeader log, int step, int families, boolean password, String version) {
        Lsn first = new Lsn(log.lastLsn().vlf(), log.lastLsn().block() + 1000L * (step - 1), 1);
        Lsn last = new Lsn(log.lastLsn().vlf(), log.lastLsn().block() + 1000L * step, 1);
        return withRange(log, first, last, "later" + step).toBuilder()
                .softwareVersion(version)
                .familyCount(families)
                .mediaPassword(password)
                .build();
    }

    private static BackupHeader withRange(BackupHeader log, Lsn first, Lsn last, String seed) {
        return log.toBuilder()
                .firstLsn(first)
                .lastLsn(last)
                .backupSetGuid(UUID.nameUUIDFromBytes(seed.getBytes()))
                .backupStartDate(log.backupStartDate().plusMinutes(1))
                .build();
    }
}
