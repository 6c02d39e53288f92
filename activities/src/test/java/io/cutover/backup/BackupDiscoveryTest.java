package io.cutover.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.BackupFile;
import io.cutover.activity.BackupReport;
import io.cutover.activity.BackupReport.Problem;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.spec.NamingSpec;
import io.cutover.spec.NamingSpec.Convention;
import io.cutover.spec.SourceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery semantics on the local-folder store, with a clock the test moves. */
class BackupDiscoveryTest {

    private static final String BUCKET = "bucket";
    private static final Instant T0 = Instant.parse("2024-03-15T12:00:00Z");
    private static final NamingSpec OLA = new NamingSpec(Convention.OLA_HALLENGREN, null);
    private static final String FULL = "db/SQL1$I_Sales_FULL_20240315_000000.bak";

    @TempDir
    Path root;

    private LocalBackupStore store;
    private Instant now = T0.plusSeconds(3600);
    private BackupDiscovery discovery;

    @BeforeEach
    void setUp() throws IOException {
        store = new LocalBackupStore(root);
        discovery = new BackupDiscovery(store, new MovingClock());
        put(FULL, "full", T0);
    }

    private final class MovingClock extends Clock {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private void put(String key, String content, Instant modified) throws IOException {
        Path file = root.resolve(BUCKET).resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private static String log(String server, String time) {
        return "db/" + server + "_Sales_LOG_20240315_" + time + ".trn";
    }

    private static SourceSpec source(NamingSpec naming, String prefix, String database, String full) {
        return new SourceSpec(BUCKET, prefix, full, naming, database, "staging/", null);
    }

    private static SourceSpec ola() {
        return source(OLA, "db/", "Sales", FULL);
    }

    private DiscoveryResult scan(SourceSpec source, DiscoveryCursor cursor, int maxFiles) {
        return discovery.discover(new DiscoveryRequest(source, 60, cursor, maxFiles));
    }

    private static List<String> keys(DiscoveryResult result) {
        return result.ready().stream().map(BackupFile::key).toList();
    }

    private static Optional<BackupReport> report(DiscoveryResult result, String key) {
        return result.reports().stream().filter(r -> r.key().equals(key)).findFirst();
    }

    @Test
    void handsOnLogsAfterTheFullInChainOrderAndSkipsOlderOnes() throws IOException {
        put(log("SQL1$I", "001000"), "b", T0);
        put(log("SQL1$I", "000500"), "a", T0);
        put("db/SQL1$I_Sales_LOG_20240314_230000.trn", "before the full", T0);
        DiscoveryResult result = scan(ola(), DiscoveryCursor.start(), 10);
        assertEquals(List.of(log("SQL1$I", "000500"), log("SQL1$I", "001000")), keys(result));
        assertEquals(List.of(), result.reports());
        BackupFile first = result.ready().get(0);
        assertEquals(BackupFile.Kind.LOG, first.kind());
        assertEquals("Sales", first.database());
        assertEquals("20240315000500_000000", first.orderKey());
        assertEquals("20240315001000_000000", result.next().lastOrderKey());
    }

    @Test
    void objectsOlderThanTheFullAreIgnoredEvenWhenUnusable() throws IOException {
        put("db/SQL1$I_Sales_LOG_20240314_230000.trn", "", T0);
        put("db/SQL1$I_Sales_LOG_COPY_ONLY_20240314_230000.trn", "c", T0);
        DiscoveryResult result = scan(ola(), DiscoveryCursor.start(), 10);
        assertEquals(List.of(), keys(result));
        assertEquals(List.of(), result.reports());
    }

    @Test
    void laterPollsReturnOnlyNewObjects() throws IOException {
        put(log("SQL1$I", "000500"), "a", T0);
        DiscoveryResult first = scan(ola(), DiscoveryCursor.start(), 10);
        DiscoveryResult empty = scan(ola(), first.next(), 10);
        assertEquals(List.of(), keys(empty));
        assertEquals(List.of(), empty.reports());
        put(log("SQL1$I", "001000"), "b", T0);
        DiscoveryResult second = scan(ola(), empty.next(), 10);
        assertEquals(List.of(log("SQL1$I", "001000")), keys(second));
    }

    @Test
    void objectsYoungerThanTheSettleTimeWaitAndHoldBackLaterOnes() throws IOException {
        put(log("SQL1$I", "000500"), "a", now.minusSeconds(10));
        put(log("SQL1$I", "001000"), "b", now.minusSeconds(3000));
        DiscoveryResult first = scan(ola(), DiscoveryCursor.start(), 10);
        // The younger one comes first in the chain: the later, settled one must wait behind it.
        assertEquals(List.of(), keys(first));
        assertEquals(
                Optional.of(1L), Optional.ofNullable(first.next().unsettled().get(log("SQL1$I", "000500"))));
        now = now.plusSeconds(120);
        DiscoveryResult second = scan(ola(), first.next(), 10);
        assertEquals(List.of(log("SQL1$I", "000500"), log("SQL1$I", "001000")), keys(second));
        assertEquals(0, second.next().unsettled().size());
    }

    @Test
    void anObjectWhoseSizeChangesBetweenPollsIsNotYetReturned() throws IOException {
        put(log("SQL1$I", "000500"), "a", now.minusSeconds(30));
        DiscoveryResult first = scan(ola(), DiscoveryCursor.start(), 10);
        assertEquals(List.of(), keys(first));
        now = now.plusSeconds(120);
        put(log("SQL1$I", "000500"), "abc", now.minusSeconds(90));
        DiscoveryResult growing = scan(ola(), first.next(), 10);
        assertEquals(List.of(), keys(growing), "grew since the last poll although old enough");
        assertEquals(3L, growing.next().unsettled().get(log("SQL1$I", "000500")));
        now = now.plusSeconds(60);
        DiscoveryResult settled = scan(ola(), growing.next(), 10);
        assertEquals(List.of(log("SQL1$I", "000500")), keys(settled));
    }

    @Test
    void aLateFileIsReportedAndNeverReturned() throws IOException {
        put(log("SQL1$I", "001000"), "b", T0);
        DiscoveryResult first = scan(ola(), DiscoveryCursor.start(), 10);
        // Another server name sorts after the marker, but its timestamp is before the last applied.
        put(log("SQL2$I", "000500"), "late", T0);
        DiscoveryResult second = scan(ola(), first.next(), 10);
        assertEquals(List.of(), keys(second));
        assertEquals(
                Problem.LATE,
                report(second, log("SQL2$I", "000500")).orElseThrow().problem());
        DiscoveryResult third = scan(ola(), second.next(), 10);
        assertEquals(List.of(), third.reports(), "reported once");
    }

    @Test
    void aLateFileStillSettlingDoesNotHoldBackTheChain() throws IOException {
        put(log("SQL1$I", "001000"), "b", T0);
        DiscoveryResult first = scan(ola(), DiscoveryCursor.start(), 10);
        put(log("SQL2$I", "000500"), "late and young", now.minusSeconds(5));
        put(log("SQL1$I", "002000"), "c", T0);
        DiscoveryResult second = scan(ola(), first.next(), 10);
        assertEquals(List.of(log("SQL1$I", "002000")), keys(second));
    }

    @Test
    void sameOrderKeyOrSameContentIsADuplicate() throws IOException {
        put(log("SQL1$I", "000500"), "a", T0);
        put(log("SQL2$I", "000500"), "a second copy", T0);
        DiscoveryResult first = scan(ola(), DiscoveryCursor.start(), 10);
        assertEquals(List.of(log("SQL1$I", "000500")), keys(first));
        assertEquals(
                Problem.DUPLICATE,
                report(first, log("SQL2$I", "000500")).orElseThrow().problem());

        // The same bytes again under a later name: applying it twice would break the chain.
        put(log("SQL1$I", "002000"), "a", T0);
        DiscoveryResult second = scan(ola(), first.next(), 10);
        assertEquals(List.of(), keys(second));
        BackupReport duplicate = report(second, log("SQL1$I", "002000")).orElseThrow();
        assertEquals(Problem.DUPLICATE, duplicate.problem());
        assertTrue(duplicate.reason().contains(log("SQL1$I", "000500")), duplicate.reason());
    }

    @Test
    void emptyUnnamedAndCopyOnlyObjectsAreUnusable() throws IOException {
        put(log("SQL1$I", "000500"), "", T0);
        put("db/notes.txt", "hello", T0);
        put("db/SQL1$I_Sales_LOG_COPY_ONLY_20240315_000600.trn", "c", T0);
        DiscoveryResult result = scan(ola(), DiscoveryCursor.start(), 10);
        assertEquals(List.of(), keys(result));
        assertEquals(3, result.reports().size());
        for (BackupReport report : result.reports()) {
            assertEquals(Problem.UNUSABLE, report.problem());
        }
        assertTrue(
                report(result, log("SQL1$I", "000500")).orElseThrow().reason().contains("empty"));
    }

    @Test
    void otherDatabasesAndTheStagingFolderAreIgnored() throws IOException {
        put("db/SQL1$I_Other_LOG_20240315_000500.trn", "o", T0);
        put("db/staging/Sales_LOG_20240315000500_000000.bak", "s", T0);
        SourceSpec source = new SourceSpec(BUCKET, "db/", FULL, OLA, "sales", "db/staging", null);
        DiscoveryResult result = scan(source, DiscoveryCursor.start(), 10);
        assertEquals(List.of(), keys(result));
        assertEquals(List.of(), result.reports());
    }

    @Test
    void maxFilesLeavesTheRestForTheNextPassWithoutLosingAny() throws IOException {
        for (int i = 1; i <= 5; i++) {
            put(log("SQL1$I", "00" + i + "000"), "log" + i, T0);
        }
        DiscoveryCursor cursor = DiscoveryCursor.start();
        StringBuilder order = new StringBuilder();
        for (int pass = 0; pass < 3; pass++) {
            DiscoveryResult result = scan(ola(), cursor, 2);
            assertTrue(result.ready().size() <= 2);
            result.ready().forEach(f -> order.append(f.key().substring(31, 35)).append(' '));
            assertEquals(List.of(), result.reports());
            cursor = result.next();
        }
        assertEquals("1000 2000 3000 4000 5000 ", order.toString());
    }

    @Test
    void newLogsAreFoundWhereOtherDatabasesKeysSortAfterThem() throws IOException {
        // A flat folder with several databases: Zeta's keys push the marker past Sales' logs.
        for (int i = 0; i < 20; i++) {
            put("db/SQL1$I_Zeta_LOG_20240315_0" + (10 + i) + "00.trn", "z" + i, T0);
        }
        DiscoveryResult first = scan(ola(), DiscoveryCursor.start(), 10);
        assertEquals(List.of(), keys(first));
        assertTrue(first.next().marker().contains("Zeta"), first.next().marker());

        put(log("SQL1$I", "003000"), "s1", T0);
        DiscoveryResult second = scan(ola(), first.next(), 10);
        assertEquals(List.of(log("SQL1$I", "003000")), keys(second), "found through the full's chain streams");

        put("db/SQL1$I_Sales_DIFF_20240315_004000.bak", "d1", T0);
        put(log("SQL1$I", "005000"), "s2", T0);
        DiscoveryResult third = scan(ola(), second.next(), 10);
        assertEquals(List.of("db/SQL1$I_Sales_DIFF_20240315_004000.bak", log("SQL1$I", "005000")), keys(third));
    }

    @Test
    void regexStreamsFindNewFilesInFoldersThatSortBeforeTheMarker() throws IOException {
        NamingSpec regex = new NamingSpec(Convention.REGEX, "(?<db>[a-z]+)/(?<type>log|diff)/(?<ts>\\d{14})\\.bak$");
        SourceSpec source = source(regex, "r/", "sales", null);
        put("r/sales/diff/20240315000000.bak", "d0", T0);
        put("r/sales/log/20240315000500.bak", "l0", T0);
        DiscoveryResult first = scan(source, DiscoveryCursor.start(), 10);
        assertEquals(2, first.ready().size());
        put("r/sales/diff/20240315010000.bak", "d1", T0);
        put("r/sales/log/20240315010500.bak", "l1", T0);
        DiscoveryResult second = scan(source, first.next(), 10);
        assertEquals(List.of("r/sales/diff/20240315010000.bak", "r/sales/log/20240315010500.bak"), keys(second));
    }

    @Test
    void listingCostDoesNotGrowWithThePrefix() throws IOException {
        seedLogs(0, 100);
        DiscoveryCursor cursor = drain(DiscoveryCursor.start());
        int withHundred = scan(ola(), cursor, 100).listRequests();
        seedLogs(100, 900);
        cursor = drain(cursor);
        DiscoveryResult withThousand = scan(ola(), cursor, 100);
        assertEquals(List.of(), keys(withThousand));
        // The marker, then the full's, the DIFF and the LOG streams: four requests however many.
        assertEquals(4, withHundred);
        assertEquals(withHundred, withThousand.listRequests());
    }

    @Test
    void theCursorStaysBounded() throws IOException {
        seedLogs(0, 400);
        DiscoveryCursor cursor = DiscoveryCursor.start();
        int handedOn = 0;
        for (int pass = 0; pass < 10; pass++) {
            DiscoveryResult result = scan(ola(), cursor, 100);
            assertEquals(List.of(), result.reports());
            handedOn += result.ready().size();
            cursor = result.next();
        }
        assertEquals(400, handedOn);
        assertTrue(
                cursor.recentKeys().size() <= DiscoveryMemory.MAX_SEEN + DiscoveryMemory.MAX_STREAMS + 1,
                "recent entries: " + cursor.recentKeys().size());
    }

    /** Log backups one second apart from 01:00:00, numbered from {@code first}. */
    private void seedLogs(int first, int count) throws IOException {
        for (int i = first; i < first + count; i++) {
            String time = String.format("%02d%02d%02d", 1 + i / 3600, (i / 60) % 60, i % 60);
            put(log("SQL1$I", time), "log " + i, T0);
        }
    }

    /** Polls until nothing more is ready (bounded), returning the last cursor. */
    private DiscoveryCursor drain(DiscoveryCursor cursor) {
        for (int pass = 0; pass < 50; pass++) {
            DiscoveryResult result = scan(ola(), cursor, 100);
            cursor = result.next();
            if (result.ready().isEmpty()) {
                return cursor;
            }
        }
        throw new AssertionError("discovery did not drain in 50 passes");
    }

    @Test
    void lexicalNamingTakesEveryKeyAsALogInKeyOrder() throws IOException {
        SourceSpec source = source(new NamingSpec(Convention.LEXICAL, null), "lex/", null, "lex/0-full.bak");
        put("lex/0-full.bak", "f", T0);
        put("lex/2.trn", "b", T0);
        put("lex/1.trn", "a", T0);
        DiscoveryResult result = scan(source, DiscoveryCursor.start(), 10);
        assertEquals(List.of("lex/1.trn", "lex/2.trn"), keys(result));
        assertNull(result.ready().get(0).database());
        assertEquals(1, scan(source, result.next(), 10).listRequests());
    }

    @Test
    void badRequestsNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> scan(ola(), DiscoveryCursor.start(), 0))
                .getMessage()
                .startsWith("maxFiles:"));
        SourceSpec noBucket = new SourceSpec(" ", "db/", FULL, OLA, null, null, null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> scan(noBucket, DiscoveryCursor.start(), 1))
                .getMessage()
                .startsWith("source.bucket:"));
    }
}
