package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.JobRequest;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.TargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A DRS job belongs to one campaign run: a campaign started again under the same id (after it
 * completed, was aborted or was terminated), on a new target or the same one, makes its own jobs
 * from its own full restore on, and never takes the earlier run's jobs, which bear the names the
 * earlier run gave them, for its own. Two campaigns sharing a job name prefix stay apart too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobIdentityTest {

    private static final String ID = "hb-orders";
    private static final String TARGET_B = "1b4292718cd65ac0ac1ddb0b9866872bin04";
    private static final Duration STEP = Duration.ofMinutes(5);
    private static final long MINUTE = 60_000;

    @RegisterExtension
    final CampaignTestEnvironment test = new CampaignTestEnvironment();

    private String full;
    private final List<String> logs = new ArrayList<>();

    private void uploadFullAndLogs(int count) {
        full = test.bucket.upload(
                FakeBucket.key("FULL", test.startMillis - 60 * MINUTE), test.startMillis - 60 * MINUTE);
        for (int i = 1; i <= count; i++) {
            logs.add(test.bucket.uploadLog(test.startMillis + i * 10 * MINUTE));
        }
    }

    private static CampaignSpec onTarget(CampaignSpec spec, String target) {
        return new CampaignSpec(
                spec.campaignId(),
                spec.mode(),
                new TargetSpec(target, "off"),
                spec.source(),
                spec.restore(),
                spec.jobNamePrefix(),
                spec.enterpriseProjectId(),
                spec.tags(),
                spec.description(),
                spec.timing());
    }

    /** Runs the campaign until every log uploaded so far is applied, then cuts over on a new one. */
    private CampaignReport runToCutover(CampaignSpec spec) {
        CampaignWorkflow campaign = test.start(spec, null);
        test.awaitStatus(spec.campaignId(), s -> s.appliedCount() >= logs.size(), STEP, 200);
        String tail = test.bucket.uploadLog(test.env.currentTimeMillis());
        logs.add(tail);
        campaign.requestCutover(new CutoverRequest(tail));
        return test.result(spec.campaignId());
    }

    /** Every job the report names was created by this run: none is an earlier run's. */
    private void assertEveryReportedJobIsItsOwn(CampaignReport report, int earlierCreates) {
        assertTrue(
                report.backups().stream()
                        .filter(b -> b.jobId() != null)
                        .allMatch(b -> Integer.parseInt(b.jobId().substring("job-".length())) > earlierCreates),
                "no job of the earlier run is reported: " + report.backups());
        assertEquals(
                test.drs.creates().size() - earlierCreates,
                report.backups().stream().filter(b -> b.jobId() != null).count(),
                "one job created per file applied");
    }

    /** The creates from index {@code from} on: a whole run of its own, from the full to the final. */
    private void assertARunOfItsOwn(int from, String target) {
        List<JobRequest> creates =
                test.drs.creates().subList(from, test.drs.creates().size());
        assertEquals(
                JobRequest.RecoveryMode.FULL, creates.get(0).recoveryMode(), "the new run restores its own full first");
        assertTrue(creates.stream().allMatch(c -> c.targetInstanceId().equals(target)), "every job is for " + target);
        Set<String> earlier = new HashSet<>(test.drs.creates().subList(0, from).stream()
                .map(JobRequest::name)
                .toList());
        assertTrue(creates.stream().noneMatch(c -> earlier.contains(c.name())), "no name of the earlier run is reused");
        String runTag = creates.get(0).runIdentity();
        assertNotNull(runTag, "every job carries the run's identity tag");
        assertTrue(creates.stream().allMatch(c -> runTag.equals(c.runIdentity())), "the same one for the whole run");
    }

    @Test
    void aCompletedCampaignStartedAgainOnANewTargetRestoresEveryFileThereItself() {
        uploadFullAndLogs(4);
        CampaignSpec first = TestCampaigns.fullAndIncremental(ID, full);
        CampaignReport firstReport = runToCutover(first);
        assertEquals(Phase.COMPLETED, firstReport.finalPhase());
        int firstRun = test.drs.creates().size();

        CampaignReport second = runToCutover(onTarget(first, TARGET_B));
        assertNotEquals(firstReport.ledger().key(), second.ledger().key(), "each run keeps a ledger of its own");
        assertEquals(
                firstRun,
                test.bucket
                        .ledgerObject(firstReport.ledger().bucket() + "/"
                                + firstReport.ledger().key())
                        .size(),
                "the first run's ledger is intact after the second run: the full, its logs and its final");

        assertEquals(Phase.COMPLETED, second.finalPhase());
        assertARunOfItsOwn(firstRun, TARGET_B);
        assertEveryReportedJobIsItsOwn(second, firstRun);
        assertTrue(test.drs.creates().size() - firstRun >= firstRun + 1, "every file again, and one more final");
        assertTrue(runTagOf(0) != null && !runTagOf(0).equals(runTagOf(firstRun)), "each run draws its own identity");
    }

    @Test
    void anAbortedCampaignStartedAgainOnTheSameTargetStartsFromItsOwnFull() {
        endMidCampaignThenStartAgain(campaign -> {
            campaign.abort(new AbortRequest("rehearsal over"));
            assertEquals(Phase.ABORTED, test.result(ID).finalPhase());
        });
    }

    @Test
    void aTerminatedCampaignStartedAgainStartsFromItsOwnFull() {
        endMidCampaignThenStartAgain(
                campaign -> test.untyped(ID).terminate("operator terminated it from the Temporal UI"));
    }

    /**
     * Starts the campaign, ends it as {@code end} does once two log backups are applied, then
     * starts the same id again on the same target and cuts over: the second run is one of its own.
     */
    private void endMidCampaignThenStartAgain(Consumer<CampaignWorkflow> end) {
        uploadFullAndLogs(4);
        CampaignSpec spec = TestCampaigns.fullAndIncremental(ID, full);
        CampaignWorkflow campaign = test.start(spec, null);
        test.awaitStatus(ID, s -> s.appliedCount() >= 2, STEP, 100);
        end.accept(campaign);
        int firstRun = test.drs.creates().size();

        CampaignReport second = runToCutover(spec);

        assertEquals(Phase.COMPLETED, second.finalPhase());
        assertARunOfItsOwn(firstRun, TestCampaigns.TARGET);
        assertEveryReportedJobIsItsOwn(second, firstRun);
    }

    @Test
    void twoCampaignsSharingAJobNamePrefixOnDifferentTargetsEachMakeTheirOwnJobs() {
        uploadFullAndLogs(3);
        CampaignSpec a = TestCampaigns.fullAndIncremental("orders-a", full);
        CampaignSpec b = onTarget(TestCampaigns.fullAndIncremental("orders-b", full), TARGET_B);
        assertEquals(a.jobNamePrefix(), b.jobNamePrefix());

        assertEquals(Phase.COMPLETED, runToCutover(a).finalPhase());
        int firstCampaign = test.drs.creates().size();
        CampaignReport second = runToCutover(b);

        assertEquals(Phase.COMPLETED, second.finalPhase());
        assertARunOfItsOwn(firstCampaign, TARGET_B);
        assertEveryReportedJobIsItsOwn(second, firstCampaign);
    }

    @Test
    void aJobOfOurNameThatTheSubmissionDidNotAdoptIsShownInTheStatusAndTheAlarms() {
        String line = "a DRS job named sales-0a1b2c3d-2-1 (id job-77, created 1706510914000, target "
                + TARGET_B + ") is for target instance " + TARGET_B + ", not " + TestCampaigns.TARGET
                + ": not adopted; delete it in DRS if it is not wanted";
        String another =
                line.replace("sales-0a1b2c3d-2-1", "sales-0a1b2c3d-3-1").replace("job-77", "job-78");
        test.drs.foundNotAdoptedOn(2, line).foundNotAdoptedOn(3, another);
        uploadFullAndLogs(3);

        test.start(TestCampaigns.fullAndIncremental(ID, full), null);
        CampaignStatus status = test.awaitStatus(ID, s -> s.appliedCount() >= 3, STEP, 100);

        assertTrue(
                status.reports().contains("NOT_ADOPTED " + line),
                status.reports().toString());
        assertTrue(
                status.alarms().stream().anyMatch(alarm -> alarm.contains(line)),
                status.alarms().toString());

        String tail = test.bucket.uploadLog(test.env.currentTimeMillis());
        test.client.newWorkflowStub(CampaignWorkflow.class, ID).requestCutover(new CutoverRequest(tail));
        CampaignReport report = test.result(ID);
        assertTrue(
                report.alarms().stream().anyMatch(alarm -> alarm.contains(line) && alarm.contains(another)),
                "the final report names both jobs for the operator: " + report.alarms());
    }

    /**
     * The alarm keeps the newest jobs whole, however their lines read: each line here holds "; ",
     * the separator of the alarm's text, which the alarm once split its own text on.
     */
    @Test
    void theForeignJobAlarmKeepsTheNewestTwentyJobsWhole() {
        List<String> lines = new ArrayList<>();
        for (int create = 2; create <= 23; create++) {
            String line = "a DRS job named sales-0a1b2c3d-" + create + "-1 (id job-" + (100 + create)
                    + ") is for another target: not adopted; delete it in DRS if it is not wanted";
            test.drs.foundNotAdoptedOn(create, line);
            lines.add(line);
        }
        uploadFullAndLogs(22);

        CampaignReport report = runToCutover(TestCampaigns.fullAndIncremental(ID, full));

        List<String> newest = lines.subList(lines.size() - CampaignNotes.FOREIGN_JOBS_KEPT, lines.size());
        assertTrue(report.alarms().contains(String.join("; ", newest)), () -> "alarms: " + report.alarms());
    }

    private String runTagOf(int create) {
        return test.drs.creates().get(create).runIdentity();
    }
}
