package io.cutover.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.BackupFile;
import io.cutover.activity.BackupReport;
import io.cutover.activity.BackupReport.Problem;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.activity.MissingLinkRequest;
import io.cutover.spec.NamingSpec;
import io.cutover.spec.NamingSpec.Convention;
import io.cutover.spec.SourceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A late backup (older timestamp, uploaded after a later one of its stream was handed on) against
 * both stores, with the real clock: the S3 server stamps objects with the time they are written.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LateBackupDiscoveryTest {

    private static final NamingSpec OLA = new NamingSpec(Convention.OLA_HALLENGREN, null);
    private static final String FULL = "db/SQL01_Sales_FULL_20261120_000000.bak";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3TestServer server;
    private static ObsBackupStore s3;

    @TempDir
    static Path root;

    /** A bucket on one of the stores, written the way each store allows. */
    private record Target(String name, BackupStore store, String bucket, Writer writer) {
        void put(String key, String content) {
            writer.put(bucket, key, content.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private interface Writer {
        void put(String bucket, String key, byte[] content);
    }

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start();
        s3 = new ObsBackupStore(server.config());
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        server.close();
    }

    static Stream<Target> stores() {
        String bucket = "late" + BUCKETS.incrementAndGet();
        server.createBucket(bucket);
        Writer local = (b, key, content) -> {
            try {
                Path file = root.resolve(b).resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Stream.of(
                new Target("local", new LocalBackupStore(root), bucket, local),
                new Target("s3proxy", s3, bucket, server::seed));
    }

    private static DiscoveryResult scan(Target target, DiscoveryCursor cursor) {
        SourceSpec source = new SourceSpec(target.bucket(), "db/", FULL, OLA, "Sales", "staging/", null);
        return new BackupDiscovery(target.store(), Clock.systemUTC())
                .discover(new DiscoveryRequest(source, 0, cursor, 100));
    }

    private static String log(String dayAndTime) {
        return "db/SQL01_Sales_LOG_" + dayAndTime + ".trn";
    }

    /**
     * Stores stamp objects to the second at best: waiting past the current second makes the next
     * write provably later than the pass that just ran.
     */
    private static void waitForTheNextSecond() throws InterruptedException {
        Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Thread.sleep(Math.max(0, next.toEpochMilli() - System.currentTimeMillis()) + 50);
    }

    /**
     * Issue 13: the settle time protects against backups still being written, which only a store
     * that lists objects while they are written has. An S3-protocol store (OBS included) lists an
     * object once its upload completed: a log backup just uploaded is handed on at the next pass
     * however long the settle time, while in a folder it waits the settle time.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aJustUploadedLogWaitsTheSettleTimeOnlyWhereListedDoesNotMeanComplete(Target target) {
        target.put(FULL, "full");
        String justUploaded = log("20261128_110000");
        target.put(justUploaded, "the tail-log backup");
        SourceSpec source = new SourceSpec(target.bucket(), "db/", FULL, OLA, "Sales", "staging/", null);

        DiscoveryResult pass = new BackupDiscovery(target.store(), Clock.systemUTC())
                .discover(new DiscoveryRequest(source, 3_600, DiscoveryCursor.start(), 100));

        if (target.name().equals("local")) {
            assertEquals(List.of(), keys(pass.ready()), "a file in a folder may still be being written");
            assertTrue(pass.next().unsettled().containsKey(justUploaded));
        } else {
            assertEquals(List.of(justUploaded), keys(pass.ready()), "a listed object is a complete one");
            assertTrue(pass.next().unsettled().isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aLateOlderLogIsReportedOnceAndNeverHandedOn(Target target) throws InterruptedException {
        target.put(FULL, "full");
        target.put(log("20261128_110000"), "applied earlier that day 1");
        target.put(log("20261128_115500"), "applied earlier that day 2");
        target.put(log("20261128_121000"), "applied last");
        List<String> handedOn = new ArrayList<>();
        List<BackupReport> reports = new ArrayList<>();

        DiscoveryResult first = scan(target, DiscoveryCursor.start());
        first.ready().forEach(f -> handedOn.add(f.key()));
        assertEquals("20261128121000_000000", first.next().lastOrderKey());
        DiscoveryCursor cursor = scan(target, first.next()).next();

        waitForTheNextSecond();
        String late = log("20261128_120500");
        target.put(late, "uploaded late");
        DiscoveryResult lateFound = scan(target, cursor);
        assertEquals(List.of(), lateFound.ready());
        assertEquals(1, lateFound.reports().size(), lateFound.reports().toString());
        BackupReport report = lateFound.reports().get(0);
        assertEquals(late, report.key());
        assertEquals(Problem.LATE, report.problem());
        assertTrue(report.reason().contains("20261128121000_000000"), report.reason());
        cursor = lateFound.next();

        for (int pass = 0; pass < 3; pass++) {
            DiscoveryResult again = scan(target, cursor);
            again.ready().forEach(f -> handedOn.add(f.key()));
            reports.addAll(again.reports());
            cursor = again.next();
        }
        waitForTheNextSecond();
        target.put(log("20261128_122000"), "the chain goes on");
        for (int pass = 0; pass < 3; pass++) {
            DiscoveryResult next = scan(target, cursor);
            next.ready().forEach(f -> handedOn.add(f.key()));
            reports.addAll(next.reports());
            cursor = next.next();
        }
        assertEquals(List.of(), reports, "reported once, and nothing applied that day is reported");
        assertEquals(
                List.of(log("20261128_110000"), log("20261128_115500"), log("20261128_121000"), log("20261128_122000")),
                handedOn);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void listingRequestsPerPassStayConstantWithThousandsOfObjects(Target target) throws InterruptedException {
        target.put(FULL, "full");
        // 2,000 logs, 400 a day three minutes apart, over five days after the full: more of the last
        // day than discovery remembers objects, so only their age keeps them from being reported.
        for (int i = 0; i < 2_000; i++) {
            int minutes = (i % 400) * 3;
            String time = String.format("202611%02d_%02d%02d00", 21 + i / 400, minutes / 60, minutes % 60);
            target.put(log(time), "log " + i);
        }
        DiscoveryCursor cursor = DiscoveryCursor.start();
        int handedOn = 0;
        for (int pass = 0; pass < 30 && handedOn < 2_000; pass++) {
            DiscoveryResult result = scan(target, cursor);
            assertEquals(List.of(), result.reports(), "nothing handed on is ever reported");
            handedOn += result.ready().size();
            cursor = result.next();
        }
        assertEquals(2_000, handedOn);
        DiscoveryResult idle = scan(target, cursor);
        // The marker, the full's, the DIFF and the LOG streams (the LOG one from 12 hours before its
        // newest log: 240 of that day's logs, one page).
        assertEquals(4, idle.listRequests());

        waitForTheNextSecond();
        target.put(log("20261125_100200"), "late among 400 of its day");
        DiscoveryResult late = scan(target, idle.next());
        assertEquals(4, late.listRequests());
        assertEquals(
                List.of(Problem.LATE),
                late.reports().stream().map(BackupReport::problem).toList());
        assertEquals(List.<BackupFile>of(), late.ready());
        DiscoveryResult after = scan(target, late.next());
        assertEquals(4, after.listRequests());
        assertEquals(List.of(), after.reports());
    }

    /**
     * The late backup a DBA meets most: taken just before midnight, uploaded after the first log of
     * the next day was handed on. A window that starts at the last handed-on backup's day would not
     * list it; one older than the look-back window is neither reported nor handed on.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aLateLogFromBeforeMidnightIsReportedAndOneBeyondTheWindowIsNeverHandedOn(Target target)
            throws InterruptedException {
        target.put(FULL, "full");
        target.put(log("20261128_233000"), "the evening before");
        target.put(log("20261129_000300"), "just after midnight, applied last");
        List<String> handedOn = new ArrayList<>();
        DiscoveryResult first = scan(target, DiscoveryCursor.start());
        first.ready().forEach(f -> handedOn.add(f.key()));
        DiscoveryCursor cursor = scan(target, first.next()).next();

        waitForTheNextSecond();
        String beforeMidnight = log("20261128_235800");
        String beyondWindow = log("20261128_115500");
        target.put(beforeMidnight, "uploaded late, across midnight");
        target.put(beyondWindow, "uploaded more than 12 hours late");
        List<BackupReport> reports = new ArrayList<>();
        for (int pass = 0; pass < 3; pass++) {
            DiscoveryResult result = scan(target, cursor);
            result.ready().forEach(f -> handedOn.add(f.key()));
            reports.addAll(result.reports());
            cursor = result.next();
        }

        assertEquals(
                List.of(beforeMidnight), reports.stream().map(BackupReport::key).toList());
        assertEquals(Problem.LATE, reports.get(0).problem());
        assertEquals(List.of(log("20261128_233000"), log("20261129_000300")), handedOn);
    }

    @Test
    void theLookBackWindowCrossesDaysAndMonths() {
        assertEquals("20261128_120300", BackupDiscovery.lookbackStart("20261129000300_000000"));
        assertEquals("20261130_235959", BackupDiscovery.lookbackStart("20261201115959_000007"));
    }

    /**
     * The operator's retry looks for the log backups between the last one passed and the blocked
     * one: of the campaign's stream, settled, non-empty, after the full backup, before the blocked.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void missingLinksLieBetweenTheLastPassedBackupAndTheBlockedOne(Target target) {
        target.put(FULL, "full");
        target.put(log("20261119_235500"), "before the full backup");
        String first = log("20261128_110000");
        String missing = log("20261128_112000");
        String blocked = log("20261128_113000");
        target.put(first, "applied");
        target.put(missing, "uploaded late");
        target.put(log("20261128_112500"), "");
        target.put(blocked, "failed on the LSN gap");
        target.put(log("20261128_114000"), "after the blocked one");
        target.put("db/SQL01_Orders_LOG_20261128_111500.trn", "another database");
        SourceSpec source = new SourceSpec(target.bucket(), "db/", FULL, OLA, "Sales", "staging/", null);
        BackupDiscovery discovery = new BackupDiscovery(target.store(), Clock.systemUTC());

        assertEquals(
                List.of(missing),
                keys(discovery.missingLinks(new MissingLinkRequest(source, 0, "20261128110000_000000", blocked))));
        assertEquals(
                List.of(first, missing),
                keys(discovery.missingLinks(new MissingLinkRequest(source, 0, null, blocked))),
                "without a log passed yet, the full backup bounds the search");
        // A folder lists a file while it is written: one younger than the settle time may be
        // incomplete. An S3-protocol store lists an object only once its upload completed.
        assertEquals(
                target.name().equals("local") ? List.of() : List.of(first, missing),
                keys(discovery.missingLinks(new MissingLinkRequest(source, 3_600, null, blocked))),
                "files younger than the settle time are links only where listed means complete");
    }

    private static List<String> keys(List<BackupFile> files) {
        return files.stream().map(BackupFile::key).toList();
    }
}
