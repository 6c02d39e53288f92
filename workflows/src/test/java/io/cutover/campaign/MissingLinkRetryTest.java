package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.JobOutcome;
import io.cutover.activity.JobRequest;
import io.cutover.naming.BackupNaming;
import io.cutover.spec.NamingSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A log backup uploaded late, after its successor was submitted: the successor's job fails on the
 * LSN gap and the campaign blocks. Once the missing file is in the bucket, the operator's retry
 * applies it first and then the blocked file, each exactly once; without it, retrying would fail
 * the same way for ever and the campaign would have to start again from a full restore.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MissingLinkRetryTest {

    private static final long MINUTE = 60_000;
    private static final Duration STEP = Duration.ofMinutes(5);
    private static final String ID = "sales-cutover";

    @RegisterExtension
    final CampaignTestEnvironment test = new CampaignTestEnvironment();

    private static final BackupNaming OLA = BackupNaming.of(new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null));

    private static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** The file name DRS is given: the object's own, or its staged copy's. */
    private static String submittedName(String key) {
        return BackupNaming.isDrsCompliant(name(key))
                ? name(key)
                : BackupNaming.stagingFileName(OLA.parse(key).orElseThrow());
    }

    @Test
    void theRetryAppliesTheLateLogFirstThenTheBlockedOneAndReportsNothingLate() {
        String full = test.bucket.upload(
                FakeBucket.key("FULL", test.startMillis - 60 * MINUTE), test.startMillis - 60 * MINUTE);
        String first = test.bucket.uploadLog(test.startMillis + 10 * MINUTE);
        String missing = FakeBucket.key("LOG", test.startMillis + 20 * MINUTE);
        String blockedOn = test.bucket.uploadLog(test.startMillis + 30 * MINUTE);
        String next = test.bucket.uploadLog(test.startMillis + 40 * MINUTE);
        // The third job is the 00:30 log's, submitted while 00:20 is not in the bucket: LSN gap.
        test.drs.endJob(3, JobOutcome.State.FAILED);
        CampaignWorkflow campaign = test.start(TestCampaigns.fullAndIncremental(ID, full), null);

        CampaignStatus blocked = test.awaitStatus(ID, s -> s.phase() == Phase.BLOCKED, STEP, 40);
        assertTrue(blocked.blockedReason().contains("LSN gap"), blocked.blockedReason());
        test.bucket.upload(missing, test.env.currentTimeMillis());
        test.env.sleep(Duration.ofMinutes(10));
        campaign.retry();
        test.awaitStatus(ID, s -> s.appliedCount() >= 4, STEP, 40);
        // Discovery lists the bucket again after the retry: the missing link is older than the chain's
        // head by then, and must not be reported late besides being applied.
        test.env.sleep(Duration.ofMinutes(10));
        CampaignStatus afterwards = campaign.status();
        String last =
                test.bucket.upload(FakeBucket.key("LOG", test.startMillis + 50 * MINUTE), test.env.currentTimeMillis());
        campaign.requestCutover(new CutoverRequest(name(last)));
        CampaignReport report = test.result(ID);

        List<String> submitted =
                test.drs.creates().stream().map(JobRequest::fileName).toList();
        assertEquals(
                Stream.of(full, first, blockedOn, missing, blockedOn, next, last)
                        .map(MissingLinkRetryTest::submittedName)
                        .toList(),
                submitted,
                "full, 00:10, 00:30 failed, then the missing 00:20 and 00:30 again, then 00:40 and the final");
        assertEquals(
                test.drs.creates().size(),
                new HashSet<>(test.drs.creates().stream().map(JobRequest::name).toList()).size(),
                "one job per name");
        assertEquals(1, test.bucket.missingLinkSearches(), "one search, on the retry");
        assertTrue(
                afterwards.reports().stream().anyMatch(r -> r.startsWith("missing link " + missing)),
                afterwards.reports().toString());
        assertTrue(
                afterwards.reports().stream().noneMatch(r -> r.startsWith("LATE")),
                afterwards.reports().toString());
        assertTrue(report.backups().stream().anyMatch(b -> b.key().equals(missing) && b.outcome() == Outcome.SUCCESS));
        assertEquals(Phase.COMPLETED, report.finalPhase());
        assertEquals(
                1, test.drs.creates().stream().filter(JobRequest::lastBackup).count());
    }
}
