package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13: with the product's poll interval (60 s), the campaign's own waits no longer set the
 * cutover window. A job's end is seen within seconds of it (its status read after 1, 1.2, 1.44, ...
 * seconds), and once a cutover names its final backup the bucket is listed every second for it.
 * Without these, each job below took a whole poll interval, and the final job came up to a poll
 * interval after the tail-log backup's upload.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuickWaitsTest {

    private static final String ID = "sales-quick-waits";
    private static final long MINUTE = 60_000;
    /** The product's default poll interval; no settle time: the store lists complete objects only. */
    private static final Timing DEFAULT_POLL = new Timing(60, 0, 1800, 1000, 0);

    @RegisterExtension
    final CampaignTestEnvironment test = new CampaignTestEnvironment();

    private String full;
    private final List<String> logs = new ArrayList<>();

    private CampaignSpec spec() {
        full = test.bucket.upload(
                FakeBucket.key("FULL", test.startMillis - 60 * MINUTE), test.startMillis - 60 * MINUTE);
        for (int i = 1; i <= 3; i++) {
            logs.add(test.bucket.uploadLog(test.startMillis - 50 * MINUTE + i * MINUTE));
        }
        return TestCampaigns.fullAndIncremental(ID, full, DEFAULT_POLL);
    }

    @Test
    void aJobsEndIsSeenWithinSecondsOfItNotAPollIntervalLater() {
        test.drs.restoreTime(Duration.ofSeconds(5));
        test.start(spec(), null);
        CampaignStatus status = test.awaitStatus(ID, s -> s.appliedCount() >= 3, Duration.ofSeconds(5), 200);

        List<AppliedBackup> jobs = new ArrayList<>(status.applied());
        assertEquals(4, jobs.size(), "the full and three logs: " + jobs);
        for (AppliedBackup job : jobs) {
            // Read at once, then after 1, 2.2, 3.64 and 5.37 s: a 5 s restore is seen ended 5.4 s
            // after its create (a 60 s poll saw it after 60 s).
            assertTrue(job.durationMillis() >= 5_000 && job.durationMillis() <= 6_500, () -> "seen ended: " + job);
        }
    }

    @Test
    void theNamedFinalBackupIsSubmittedWithinSecondsOfItsUploadNotAPollIntervalLater() {
        test.drs.restoreTime(Duration.ZERO);
        CampaignWorkflow campaign = test.start(spec(), null);
        test.awaitStatus(ID, s -> s.appliedCount() >= 3, Duration.ofSeconds(5), 200);
        String tail = FakeBucket.key("LOG", test.env.currentTimeMillis() + 40_000);
        campaign.requestCutover(new CutoverRequest(tail));

        test.env.sleep(Duration.ofSeconds(37));
        CampaignStatus waiting = test.status(ID);
        assertNotNull(waiting.finalWatch(), "the wait for the final is shown");
        assertEquals(tail, waiting.finalWatch().finalBackup());
        assertEquals(
                Timing.QUICKEST_FINAL_WATCH.toMillis(), waiting.finalWatch().everyMillis());
        assertTrue(test.status(ID).inFlight() == null && test.drs.creates().size() == 4, "nothing else submitted");

        long uploaded = test.env.currentTimeMillis();
        test.bucket.upload(tail, uploaded);
        CampaignReport report = test.result(ID);

        AppliedBackup last = report.backups().get(report.backups().size() - 1);
        assertEquals(tail, last.key());
        assertTrue(last.lastBackup());
        assertTrue(
                last.startedMillis() - uploaded <= 2_000,
                () -> "the final job " + (last.startedMillis() - uploaded) + " ms after the upload");
        assertNull(test.status(ID).finalWatch(), "no wait once the final is taken");
    }
}
