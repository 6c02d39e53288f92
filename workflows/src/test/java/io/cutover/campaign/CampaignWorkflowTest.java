package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.JobRequest;
import io.cutover.spec.CampaignSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seed's three scenarios, end to end against the fake DRS and bucket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CampaignWorkflowTest {

    private static final long MINUTE = 60_000;

    @RegisterExtension
    final CampaignTestEnvironment test = new CampaignTestEnvironment();

    @Test
    void fullAndIncrementalAppliesEveryLogInChainOrderAndCutsOverOnTheNamedFile() {
        long t0 = test.startMillis;
        String full = test.bucket.upload(FakeBucket.key("FULL", t0 - 60 * MINUTE), t0 - 60 * MINUTE);
        List<String> logs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            logs.add(test.bucket.uploadLog(t0 + i * 10 * MINUTE));
        }
        CampaignSpec spec = TestCampaigns.fullAndIncremental("sales-cutover", full);
        CampaignWorkflow campaign = test.start(spec, null);

        test.awaitStatus(spec.campaignId(), s -> s.appliedCount() == 5, Duration.ofMinutes(5), 40);
        String finalName = logs.get(5).substring(logs.get(5).lastIndexOf('/') + 1);
        CutoverPlan plan = campaign.requestCutover(new CutoverRequest(finalName));
        CampaignReport report = test.result(spec.campaignId());

        assertEquals(Phase.COMPLETED, report.finalPhase());
        List<JobRequest> creates = test.drs.creates();
        assertEquals(7, creates.size(), "one job for the full backup and one per log backup");
        assertEquals(JobRequest.RecoveryMode.FULL, creates.get(0).recoveryMode());
        assertFalse(creates.get(0).lastBackup());
        for (int i = 1; i < 7; i++) {
            JobRequest log = creates.get(i);
            assertEquals(JobRequest.RecoveryMode.INCRE, log.recoveryMode());
            assertEquals(i == 6, log.lastBackup(), "is_last_backup only on the final file");
            assertEquals("staging/sales/", log.obsPath(), ".trn backups are submitted under their staged name");
            assertTrue(log.fileName().endsWith(".bak"));
            assertEquals(TestCampaigns.TARGET, log.targetInstanceId());
        }
        List<String> stagedKeys =
                test.bucket.stageRequests().stream().map(r -> r.file().key()).toList();
        assertEquals(logs, stagedKeys.subList(1, stagedKeys.size()), "logs staged, and so submitted, in chain order");
        assertTrue(plan.remaining().isEmpty() || plan.finalBackup().equals(logs.get(5)));
        assertEquals(7, report.backups().size());
        assertTrue(report.backups().stream().allMatch(b -> b.outcome() == Outcome.SUCCESS && b.jobId() != null));
        assertTrue(report.downtimeMillis() > 0);
        assertEquals(report.onlineMillis() - report.cutoverRequestedMillis(), report.downtimeMillis());
    }

    @Test
    void oneTimeFullMigrationSendsTheOnlyJobAsLast() {
        long t0 = test.startMillis;
        String full = test.bucket.upload(FakeBucket.key("FULL", t0 - MINUTE), t0 - MINUTE);
        CampaignSpec spec = TestCampaigns.oneTimeFull("sales-once", full);
        test.start(spec, null);

        CampaignReport report = test.result(spec.campaignId());

        JobRequest job = theOnlyJob(report);
        assertEquals(JobRequest.FileSource.OBS, job.fileSource());
        assertEquals(JobRequest.RecoveryMode.FULL, job.recoveryMode());
        assertTrue(job.lastBackup());
        assertEquals("Sales2", job.renameTo());
        assertEquals(FakeBucket.PREFIX, job.obsPath());
        assertEquals(-1, report.downtimeMillis(), "no cutover request, so no downtime to measure");
        assertTrue(report.onlineMillis() > 0);
    }

    @Test
    void rdsFullRestoreSendsTheRdsBackupFields() {
        CampaignSpec spec = TestCampaigns.rdsFull("rds-copy");
        test.start(spec, null);

        CampaignReport report = test.result(spec.campaignId());

        JobRequest job = theOnlyJob(report);
        assertEquals(JobRequest.FileSource.RDS, job.fileSource());
        assertEquals("0d87037d934848999fdc10bbabb08e6fbr04", job.rdsFileId());
        assertEquals("2019_EE", job.rdsVersion());
        assertEquals("7fb189b57339473a929d41dabb3878a2in04", job.rdsSourceInstanceId());
        assertEquals("db_test12_copy", job.renameTo());
        assertTrue(job.lastBackup());
        assertNull(job.bucketName());
        assertTrue(test.bucket.stageRequests().isEmpty(), "an RDS backup is not staged");
    }

    /** The one-shot scenarios complete with a single job. */
    private JobRequest theOnlyJob(CampaignReport report) {
        assertEquals(Phase.COMPLETED, report.finalPhase());
        List<JobRequest> creates = test.drs.creates();
        assertEquals(1, creates.size());
        assertEquals(1, report.backups().size());
        return creates.get(0);
    }
}
