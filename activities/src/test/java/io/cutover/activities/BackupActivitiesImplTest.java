package io.cutover.activities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.obs.services.ObsClient;
import com.obs.services.model.StorageClassEnum;
import io.cutover.activity.BackupActivities;
import io.cutover.activity.BackupFile;
import io.cutover.activity.BackupReport;
import io.cutover.activity.BackupReport.Problem;
import io.cutover.activity.DiscoveryCursor;
import io.cutover.activity.DiscoveryRequest;
import io.cutover.activity.DiscoveryResult;
import io.cutover.activity.StageRequest;
import io.cutover.activity.StagedBackup;
import io.cutover.backup.BackupStore;
import io.cutover.backup.ForwardingBackupStore;
import io.cutover.backup.ObjectPage;
import io.cutover.backup.ObsBackupStore;
import io.cutover.backup.S3Objects;
import io.cutover.backup.S3TestServer;
import io.cutover.backup.StoredObject;
import io.cutover.naming.BackupNaming;
import io.cutover.spec.NamingSpec;
import io.cutover.spec.SourceSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The activities against a real S3-protocol server, run by Temporal's activity test harness. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BackupActivitiesImplTest {

    private static final String BUCKET = "backups";
    private static final String PREFIX = "SQL1$PROD/Sales/";
    private static final String FULL = PREFIX + "SQL1$PROD_Sales_FULL_20240101_000000.bak";

    /** Later than anything the server stamps, so that every object has settled. */
    private static final Clock LATER = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofHours(1));

    @TempDir
    Path disk;

    private S3TestServer server;
    private ObsBackupStore store;
    private TestActivityEnvironment env;

    @BeforeEach
    void start() throws Exception {
        server = S3TestServer.startOnDisk(disk, 0);
        server.createBucket(BUCKET);
        store = new ObsBackupStore(server.config());
        server.seed(BUCKET, FULL, bytes("full"));
    }

    @AfterEach
    void stop() throws Exception {
        if (env != null) {
            env.close();
        }
        store.close();
        server.close();
    }

    private BackupActivities activities(BackupStore backing) {
        env = TestActivityEnvironment.newInstance();
        env.registerActivitiesImplementations(new BackupActivitiesImpl(backing, LATER));
        return env.newActivityStub(
                BackupActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(60))
                        .setRetryOptions(
                                RetryOptions.newBuilder().setMaximumAttempts(1).build())
                        .build());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String log(int n) {
        return String.format(
                "%sSQL1$PROD_Sales_LOG_20240101_%02d%02d%02d.trn", PREFIX, n / 3600, (n / 60) % 60, n % 60);
    }

    private static DiscoveryRequest request(DiscoveryCursor cursor) {
        SourceSpec source = new SourceSpec(
                BUCKET,
                PREFIX,
                FULL,
                new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null),
                "Sales",
                "staging/",
                null);
        return new DiscoveryRequest(source, 30, cursor, 100);
    }

    private static ApplicationFailure applicationFailure(Runnable call) {
        ActivityFailure failure = assertThrows(ActivityFailure.class, call::run);
        assertTrue(failure.getCause() instanceof ApplicationFailure, String.valueOf(failure.getCause()));
        return (ApplicationFailure) failure.getCause();
    }

    @Test
    void pagesThroughTenThousandObjectsThenListsOnlyWhatIsNew() {
        // 10,000 logs older than the full, then three after it: the first pass reads every page.
        for (int i = 0; i < 10_000; i++) {
            server.seed(BUCKET, log(i).replace("_20240101_", "_20231231_"), bytes("old " + i));
        }
        for (int i = 1; i <= 3; i++) {
            server.seed(BUCKET, log(i), bytes("log " + i));
        }
        BackupActivities activities = activities(store);
        DiscoveryResult first = activities.scan(request(DiscoveryCursor.start()));
        assertEquals(
                List.of(log(1), log(2), log(3)),
                first.ready().stream().map(BackupFile::key).toList());
        assertTrue(first.listRequests() >= 10, "pages: " + first.listRequests());

        server.seed(BUCKET, log(4), bytes("log 4"));
        DiscoveryResult second = activities.scan(request(first.next()));
        assertEquals(
                List.of(log(4)), second.ready().stream().map(BackupFile::key).toList());
        assertTrue(second.listRequests() <= 4, "list requests: " + second.listRequests());
    }

    @Test
    void awaitFailsRetryablyWhileNothingIsNewAndCarriesItsCursorToTheNextAttempt() {
        server.seed(BUCKET, log(1), bytes("log 1"));
        BackupActivities activities = activities(store);
        DiscoveryResult first = activities.awaitNewBackups(request(DiscoveryCursor.start()));
        assertEquals(1, first.ready().size());

        List<DiscoveryCursor> heartbeats = new ArrayList<>();
        env.setActivityHeartbeatListener(DiscoveryCursor.class, heartbeats::add);
        ApplicationFailure nothing = applicationFailure(() -> activities.awaitNewBackups(request(first.next())));
        assertEquals(BackupActivities.NOTHING_NEW, nothing.getType());
        assertFalse(nothing.isNonRetryable());
        assertEquals(1, heartbeats.size());
        assertEquals(first.next().lastOrderKey(), heartbeats.get(0).lastOrderKey());

        // A retry starts from the previous attempt's cursor, not from the (older) input.
        server.seed(BUCKET, log(2), bytes("log 2"));
        env.setHeartbeatDetails(first.next());
        DiscoveryResult retried = activities.awaitNewBackups(request(DiscoveryCursor.start()));
        assertEquals(
                List.of(log(2)), retried.ready().stream().map(BackupFile::key).toList());
    }

    /**
     * The final watch's attempt lists again while nothing is new: a final uploaded after its first
     * listing is returned by the same attempt, without a retry (which would cost the Temporal server
     * an attempt a listing, and wait out the retry interval).
     */
    @Test
    void aWatchingAttemptListsAgainAndReturnsWhatArrivesMeanwhile() {
        server.seed(BUCKET, log(1), bytes("log 1"));
        BackupActivities activities = activities(store);
        DiscoveryResult first = activities.awaitNewBackups(request(DiscoveryCursor.start()));
        // The heartbeat after a listing that found nothing: only then is log 2 uploaded.
        AtomicInteger beats = new AtomicInteger();
        env.setActivityHeartbeatListener(DiscoveryCursor.class, cursor -> {
            if (beats.incrementAndGet() == 2) {
                server.seed(BUCKET, log(2), bytes("log 2"));
            }
        });

        DiscoveryResult found =
                activities.awaitNewBackups(request(first.next()).watching(new DiscoveryRequest.Watch(50, 60_000)));

        assertEquals(
                List.of(log(2)), found.ready().stream().map(BackupFile::key).toList());
        assertTrue(beats.get() >= 2, "beats: " + beats.get());
    }

    @Test
    void aWatchingAttemptThatFindsNothingListsSeveralTimesThenSaysSo() {
        server.seed(BUCKET, log(1), bytes("log 1"));
        AtomicInteger listings = new AtomicInteger();
        BackupActivities activities = activities(new ForwardingBackupStore(store) {
            @Override
            public ObjectPage list(String bucket, String prefix, String marker, int maxKeys) {
                listings.incrementAndGet();
                return super.list(bucket, prefix, marker, maxKeys);
            }
        });
        DiscoveryResult first = activities.awaitNewBackups(request(DiscoveryCursor.start()));
        int firstAttempt = listings.get();

        ApplicationFailure nothing = applicationFailure(
                () -> activities.awaitNewBackups(request(first.next()).watching(new DiscoveryRequest.Watch(50, 300))));

        assertEquals(BackupActivities.NOTHING_NEW, nothing.getType());
        assertTrue(listings.get() - firstAttempt >= 2, "listings: " + (listings.get() - firstAttempt));
    }

    @Test
    void archiveClassAndEmptyObjectsAreReportedUnusable() {
        ObsClient client = S3Objects.client(server.config());
        S3Objects.putInClass(client, BUCKET, log(1), bytes("cold log"), StorageClassEnum.COLD);
        server.seed(BUCKET, log(2), new byte[0]);
        server.seed(BUCKET, log(3), bytes("fine"));
        DiscoveryResult result = activities(store).scan(request(DiscoveryCursor.start()));
        assertEquals(
                List.of(log(3)), result.ready().stream().map(BackupFile::key).toList());
        assertEquals(
                List.of(Problem.UNUSABLE, Problem.UNUSABLE),
                result.reports().stream().map(BackupReport::problem).toList());
        assertTrue(
                result.reports().get(0).reason().contains("COLD"),
                result.reports().get(0).reason());
        assertTrue(
                result.reports().get(1).reason().contains("empty"),
                result.reports().get(1).reason());
    }

    @Test
    void aServerStoppedMidPollFailsRetryablyAndLosesNothing() throws Exception {
        for (int i = 1; i <= 2500; i++) {
            server.seed(BUCKET, log(i), bytes("log " + i));
        }
        int port = server.port();
        AtomicInteger pages = new AtomicInteger();
        BackupStore stopsAfterOnePage = new ForwardingBackupStore(store) {
            @Override
            public ObjectPage list(String bucket, String prefix, String marker, int maxKeys) {
                if (pages.incrementAndGet() == 2) {
                    stopServer();
                }
                return super.list(bucket, prefix, marker, maxKeys);
            }
        };
        BackupActivities activities = activities(stopsAfterOnePage);
        ApplicationFailure down = applicationFailure(() -> activities.scan(request(DiscoveryCursor.start())));
        assertEquals(BackupActivitiesImpl.STORE_UNAVAILABLE, down.getType());
        assertFalse(down.isNonRetryable());

        server = S3TestServer.startOnDisk(disk, port);
        DiscoveryCursor cursor = DiscoveryCursor.start();
        int found = 0;
        for (int pass = 0; pass < 30 && found < 2500; pass++) {
            DiscoveryResult result = activities.scan(request(cursor));
            assertEquals(List.of(), result.reports());
            found += result.ready().size();
            cursor = result.next();
        }
        assertEquals(2500, found);
    }

    private void stopServer() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stagesANonCompliantNameOnceAndVerifiesTheCopy() {
        server.seed(BUCKET, log(1), bytes("log one"));
        AtomicInteger copies = new AtomicInteger();
        BackupStore counting = new ForwardingBackupStore(store) {
            @Override
            public void copy(String bucket, String sourceKey, String targetKey) {
                copies.incrementAndGet();
                super.copy(bucket, sourceKey, targetKey);
            }
        };
        BackupActivities activities = activities(counting);
        BackupFile file =
                activities.scan(request(DiscoveryCursor.start())).ready().get(0);
        StagedBackup staged = activities.stage(new StageRequest(BUCKET, file, "staging"));
        assertEquals(new StagedBackup(BUCKET, "staging/", "Sales_LOG_20240101000001_000000.bak", log(1), true), staged);
        assertTrue(BackupNaming.isDrsCompliant(staged.fileName()));
        StoredObject copy = store.head(BUCKET, "staging/" + staged.fileName()).orElseThrow();
        assertEquals(file.etag(), copy.etag());
        assertEquals(Optional.of(file.size()), store.head(BUCKET, log(1)).map(StoredObject::size), "original kept");

        assertEquals(staged, activities.stage(new StageRequest(BUCKET, file, "staging/")));
        assertEquals(1, copies.get(), "staging again finds the verified copy");
    }

    @Test
    void aCompliantNameIsHandedOnWithoutACopy() {
        server.seed(BUCKET, "plain/ims_log1.bak", bytes("x"));
        BackupActivities activities = activities(store);
        BackupFile file = activities.describe(BUCKET, "plain/ims_log1.bak");
        assertNotNull(file);
        StagedBackup staged = activities.stage(new StageRequest(BUCKET, file, "staging/"));
        assertEquals(new StagedBackup(BUCKET, "plain/", "ims_log1.bak", "plain/ims_log1.bak", false), staged);
        assertNull(activities.describe(BUCKET, "plain/missing.bak"));
    }

    @Test
    void aMultipartCopyIsVerifiedByItsFirstBytes() throws Exception {
        byte[] content = new byte[11 * 1024 * 1024];
        new Random(7).nextBytes(content);
        server.seed(BUCKET, log(1), content);
        try (ObsBackupStore smallParts = new ObsBackupStore(server.config().toBuilder()
                .multipartCopy(1024 * 1024, 5L * 1024 * 1024)
                .build())) {
            BackupActivities activities = activities(smallParts);
            BackupFile file =
                    activities.scan(request(DiscoveryCursor.start())).ready().get(0);
            StagedBackup staged = activities.stage(new StageRequest(BUCKET, file, "staging/"));
            StoredObject copy =
                    store.head(BUCKET, "staging/" + staged.fileName()).orElseThrow();
            assertTrue(copy.etag().contains("-"), "a multipart ETag: " + copy.etag());
            assertEquals(content.length, copy.size());
            assertArrayEquals(
                    store.readFirstBytes(BUCKET, log(1), 4096), store.readFirstBytes(BUCKET, copy.key(), 4096));
        }
    }

    @Test
    void aCopyThatDiffersFromItsOriginalIsRejectedRetryably() {
        server.seed(BUCKET, log(1), bytes("the real log"));
        server.seed(BUCKET, "other.bin", bytes("something else entirely"));
        BackupStore wrongCopy = new ForwardingBackupStore(store) {
            @Override
            public void copy(String bucket, String sourceKey, String targetKey) {
                super.copy(bucket, "other.bin", targetKey);
            }
        };
        BackupActivities activities = activities(wrongCopy);
        BackupFile file =
                activities.scan(request(DiscoveryCursor.start())).ready().get(0);
        ApplicationFailure failure =
                applicationFailure(() -> activities.stage(new StageRequest(BUCKET, file, "staging/")));
        assertEquals(BackupActivitiesImpl.STORE_UNAVAILABLE, failure.getType());
        assertTrue(failure.getOriginalMessage().contains("does not match"), failure.getOriginalMessage());
    }

    @Test
    void aBackupChangedSinceDiscoveryIsNotStaged() {
        server.seed(BUCKET, log(1), bytes("first upload"));
        BackupActivities activities = activities(store);
        BackupFile file =
                activities.scan(request(DiscoveryCursor.start())).ready().get(0);
        server.seed(BUCKET, log(1), bytes("overwritten with other bytes"));
        ApplicationFailure failure =
                applicationFailure(() -> activities.stage(new StageRequest(BUCKET, file, "staging/")));
        assertEquals(BackupActivitiesImpl.STAGING_FAILED, failure.getType());
        assertTrue(failure.isNonRetryable());
    }

    @Test
    void aMissingBucketFailsForGood() {
        BackupActivities activities = activities(store);
        SourceSpec source = request(DiscoveryCursor.start()).source();
        SourceSpec missing = new SourceSpec(
                "no-such-bucket", source.prefix(), source.fullBackup(), source.naming(), null, null, null);
        ApplicationFailure failure = applicationFailure(
                () -> activities.scan(new DiscoveryRequest(missing, 0, DiscoveryCursor.start(), 10)));
        assertEquals(BackupActivitiesImpl.STORE_REJECTED, failure.getType());
        assertTrue(failure.isNonRetryable());
    }

    @Test
    void aBadRequestNamesTheField() {
        BackupActivities activities = activities(store);
        DiscoveryRequest bad =
                new DiscoveryRequest(request(DiscoveryCursor.start()).source(), 30, null, 0);
        ApplicationFailure failure = applicationFailure(() -> activities.scan(bad));
        assertEquals(BackupActivitiesImpl.INVALID_REQUEST, failure.getType());
        assertTrue(failure.getOriginalMessage().startsWith("maxFiles:"), failure.getOriginalMessage());
    }
}
