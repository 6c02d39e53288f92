package io.cutover.activities;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.BackupActivities;
import io.cutover.activity.BackupFile;
import io.cutover.activity.StageRequest;
import io.cutover.activity.StagedBackup;
import io.cutover.backup.ForwardingBackupStore;
import io.cutover.backup.LocalBackupStore;
import io.cutover.backup.StoredObject;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Staging as a normal activity (the full backup) heartbeats while it runs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StagingHeartbeatTest {

    private static final String BUCKET = "backups";
    private static final String KEY = "sql01/sales/SQL01_Sales_FULL_20261128_120000.bak.part";

    @TempDir
    Path root;

    @Test
    void aLongCopyIsCoveredByHeartbeats() {
        LocalBackupStore local = new LocalBackupStore(root);
        local.put(BUCKET, KEY, new byte[] {1, 2, 3});
        AtomicInteger beats = new AtomicInteger();
        ForwardingBackupStore slowCopy = new ForwardingBackupStore(local) {
            @Override
            public void copy(String bucket, String sourceKey, String targetKey) {
                sleep(300);
                super.copy(bucket, sourceKey, targetKey);
            }
        };
        StoredObject original = local.head(BUCKET, KEY).orElseThrow();
        BackupFile file = new BackupFile(
                KEY,
                original.size(),
                original.etag(),
                original.lastModified().toEpochMilli(),
                original.storageClass(),
                BackupFile.Kind.FULL,
                "Sales",
                "20261128120000_000000");
        TestActivityEnvironment env = TestActivityEnvironment.newInstance();
        try {
            env.registerActivitiesImplementations(new BackupActivitiesImpl(slowCopy, Clock.systemUTC()));
            env.setActivityHeartbeatListener(Object.class, details -> beats.incrementAndGet());
            BackupActivities activities = env.newActivityStub(
                    BackupActivities.class,
                    ActivityOptions.newBuilder()
                            .setStartToCloseTimeout(Duration.ofSeconds(20))
                            .setHeartbeatTimeout(Duration.ofSeconds(10))
                            .setRetryOptions(RetryOptions.newBuilder()
                                    .setMaximumAttempts(1)
                                    .build())
                            .build());

            StagedBackup staged = activities.stage(new StageRequest(BUCKET, file, "drs-staging/sales/"));

            assertTrue(staged.copied());
            assertTrue(local.head(BUCKET, staged.obsPath() + staged.fileName()).isPresent());
            assertTrue(beats.get() >= 1, "no heartbeat while staging");
        } finally {
            env.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
