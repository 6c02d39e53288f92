package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.JobRequest;
import io.cutover.spec.CampaignSpec;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cutover in two phases, one campaign's half of a wave's all-or-nothing cutover: with hold,
 * the campaign restores everything before its final, stages the final and holds it (PREPARED)
 * until the operator commits (the final goes out) or cancels (it catches up again, the final
 * applied as any log backup).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CutoverInTwoPhasesTest {

    private static final long MINUTE = 60_000;

    @RegisterExtension
    final CampaignTestEnvironment test = new CampaignTestEnvironment();

    private CampaignWorkflow campaign;
    private CampaignSpec spec;

    /** The full and three logs, all applied; returns the name of the next log, not yet uploaded. */
    private String startCaughtUp(String id) {
        long t0 = test.startMillis;
        String full = test.bucket.upload(FakeBucket.key("FULL", t0 - 60 * MINUTE), t0 - 60 * MINUTE);
        for (int i = 1; i <= 3; i++) {
            test.bucket.uploadLog(t0 + i * MINUTE);
        }
        spec = TestCampaigns.fullAndIncremental(id, full);
        campaign = test.start(spec, null);
        test.awaitStatus(id, s -> s.appliedCount() == 3, Duration.ofMinutes(1), 40);
        return name(FakeBucket.key("LOG", t0 + 4 * MINUTE));
    }

    @Test
    void aHeldFinalIsStagedAndWaitsForTheCommitThenGoesOutAlone() {
        String tail = startCaughtUp("two-phase-commit");
        campaign.requestCutover(new CutoverRequest(tail, true));
        test.bucket.uploadLog(test.startMillis + 4 * MINUTE);

        CampaignStatus prepared =
                test.awaitStatus(spec.campaignId(), s -> s.phase() == Phase.PREPARED, Duration.ofSeconds(5), 40);
        assertTrue(prepared.cutover().preparedAtMillis() > 0);
        assertTrue(name(prepared.cutover().finalChosen()).equals(tail));
        assertTrue(
                test.bucket.stageRequests().stream()
                        .anyMatch(r -> name(r.file().key()).equals(tail)),
                "the final is staged while held");
        test.env.sleep(Duration.ofMinutes(10));
        assertEquals(4, test.drs.creates().size(), "nothing goes out while held: the full and three logs");
        assertTrue(test.drs.creates().stream().noneMatch(JobRequest::lastBackup));

        campaign.commitCutover();
        CampaignReport report = test.result(spec.campaignId());

        assertEquals(Phase.COMPLETED, report.finalPhase());
        List<JobRequest> creates = test.drs.creates();
        assertEquals(5, creates.size());
        assertTrue(creates.get(4).lastBackup(), "the final, once committed, with is_last_backup=true");
        assertEquals(1, creates.stream().filter(JobRequest::lastBackup).count());
    }

    @Test
    void aCancelledHoldCatchesUpAgainAndALaterCutoverCompletes() {
        String tail = startCaughtUp("two-phase-cancel");
        campaign.requestCutover(new CutoverRequest(tail, true));
        test.bucket.uploadLog(test.startMillis + 4 * MINUTE);
        test.awaitStatus(spec.campaignId(), s -> s.phase() == Phase.PREPARED, Duration.ofSeconds(5), 40);

        campaign.cancelCutover();
        CampaignStatus resumed =
                test.awaitStatus(spec.campaignId(), s -> s.appliedCount() == 4, Duration.ofSeconds(5), 40);
        assertEquals(Phase.CATCHING_UP, resumed.phase());
        assertEquals(null, resumed.cutover());
        assertFalse(test.drs.creates().get(4).lastBackup(), "the held final was applied as a log backup");

        String next = name(FakeBucket.key("LOG", test.startMillis + 5 * MINUTE));
        campaign.requestCutover(new CutoverRequest(next));
        test.bucket.uploadLog(test.startMillis + 5 * MINUTE);
        CampaignReport report = test.result(spec.campaignId());

        assertEquals(Phase.COMPLETED, report.finalPhase());
        List<JobRequest> creates = test.drs.creates();
        assertEquals(6, creates.size());
        assertTrue(creates.get(5).lastBackup());
        assertEquals(1, creates.stream().filter(JobRequest::lastBackup).count());
    }

    @Test
    void aCommitBeforeTheFinalIsHeldAndACancelAfterTheCommitAreRefused() {
        String tail = startCaughtUp("two-phase-refusals");
        WorkflowUpdateException noCutover = assertThrows(WorkflowUpdateException.class, campaign::commitCutover);
        assertTrue(noCutover.getCause().getMessage().contains("no cutover was requested"));

        campaign.requestCutover(new CutoverRequest(tail, true));
        WorkflowUpdateException early = assertThrows(WorkflowUpdateException.class, campaign::commitCutover);
        assertTrue(
                early.getCause().getMessage().contains("not prepared yet: its final backup is not in the bucket yet"),
                early.getCause().getMessage());

        test.bucket.uploadLog(test.startMillis + 4 * MINUTE);
        test.awaitStatus(spec.campaignId(), s -> s.phase() == Phase.PREPARED, Duration.ofSeconds(5), 40);
        campaign.commitCutover();
        WorkflowUpdateException late = assertThrows(WorkflowUpdateException.class, campaign::cancelCutover);
        assertTrue(
                late.getCause().getMessage().contains("the cutover was committed"),
                late.getCause().getMessage());
        assertEquals(Phase.COMPLETED, test.result(spec.campaignId()).finalPhase());
    }

    private static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
