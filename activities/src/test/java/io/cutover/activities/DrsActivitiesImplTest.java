package io.cutover.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activity.DrsActivities;
import io.cutover.activity.JobOutcome;
import io.cutover.activity.JobRequest;
import io.cutover.activity.SubmittedJob;
import io.cutover.backup.BackupStore;
import io.cutover.backup.LocalBackupStore;
import io.cutover.drs.Answers;
import io.cutover.drs.model.DrsJson;
import io.cutover.drs.model.SeedExamples;
import io.cutover.spec.Tag;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The activities in Temporal's activity test environment, against an in-memory DRS. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DrsActivitiesImplTest {

    private final MockWebServer server = new MockWebServer();
    private final FakeDrs drs = new FakeDrs();
    private ActivityHarness harness;
    private DrsActivities activities;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(drs);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        harness = new ActivityHarness(server.url("/").toString());
        activities = harness.activities;
    }

    @AfterEach
    void stop() {
        harness.close();
        server.close();
    }

    /** The seed's last example (incremental, last backup) as the workflow would ask for it. */
    private static JobRequest seedLastIncrement(String name) {
        return JobRequest.builder()
                .name(name)
                .description("Description")
                .enterpriseProjectId("0")
                .target("0a3182607bc549bcb46cc9a8755761a6in04", "off")
                .obsFile("zyy-obs", "ims_log2.bak", "floder/")
                .recovery(JobRequest.RecoveryMode.INCRE, true)
                .precheck(true)
                .cover(true)
                .defaultRestore(true)
                .dbNames(List.of(""))
                .deleteBackupFile(true)
                .build();
    }

    @Test
    void createsTheJobWithTheSeedsBodyWhenNoneHasTheName() throws Exception {
        String jobId = activities.submitJob(seedLastIncrement("DRS-7527"));

        assertEquals("job-1", jobId);
        JsonNode expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SeedExamples.OBS_INCRE_LAST)) {
            expected = DrsJson.mapper().readTree(in);
        }
        // The seed's example carries a target_db_info.file_id of "" that an OBS job does not need.
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("target_db_info")).remove("file_id");
        assertEquals(expected, drs.createBodies.get(0));
    }

    @Test
    void rdsRequestMapsOntoTheSeedsRdsFields() {
        JobRequest rds = JobRequest.builder()
                .name("DRS-7526")
                .description("miao'shu")
                .enterpriseProjectId("0")
                .tags(List.of(new Tag("env", "prod")))
                .target("0a3182607bc549bcb46cc9a8755761a6in04", "off")
                .rdsBackup("0d87037d934848999fdc10bbabb08e6fbr04", "2019_EE", "7fb189b57339473a929d41dabb3878a2in04")
                .recovery(JobRequest.RecoveryMode.FULL, true)
                .precheck(true)
                .dbNames(List.of("db_test12"))
                .renameTo("db_renamed")
                .build();

        JsonNode sent = DrsJson.mapper().valueToTree(DrsActivitiesImpl.toCreateRequest(rds));

        assertEquals("RDS", sent.at("/backup_info/file_source").asText());
        assertFalse(sent.get("backup_info").has("bucket_name"));
        assertEquals(
                "0d87037d934848999fdc10bbabb08e6fbr04",
                sent.at("/target_db_info/file_id").asText());
        assertEquals("", sent.at("/backup_info/files/0/name").asText());
        assertEquals("", sent.at("/backup_info/files/0/obs_path").asText());
        assertEquals("2019_EE", sent.at("/backup_info/files/0/rds_version").asText());
        assertEquals(
                "7fb189b57339473a929d41dabb3878a2in04",
                sent.at("/backup_info/files/0/rds_source_instance_id").asText());
        assertEquals("db_renamed", sent.at("/options/reset_db_name_map").get("").asText());
        assertEquals("db_test12", sent.at("/options/db_names/0").asText());
        assertEquals("prod", sent.at("/base_info/tags/0/value").asText());
        assertEquals("full", sent.at("/options/recovery_mode").asText());
        assertTrue(sent.at("/options/is_last_backup").booleanValue());
    }

    @Test
    void answerLostAfterCreationThenRetryFindsTheJobAndCreatesExactlyOnce() {
        drs.answersToLose.set(1);
        JobRequest request = seedLastIncrement("Camp-0001-LOG-0007");

        ActivityFailure lost = assertThrows(ActivityFailure.class, () -> activities.submitJob(request));
        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, lost.getCause());
        assertEquals(DrsActivitiesImpl.UNAVAILABLE, cause.getType());
        assertFalse(cause.isNonRetryable());
        assertEquals(1, drs.jobs.size());

        String jobId = activities.submitJob(request);

        assertEquals("job-1", jobId);
        assertEquals(1, drs.createBodies.size(), "exactly one create reached DRS");
    }

    @Test
    void findsTheExactNameAmongFuzzyMatchesOnALaterPageIgnoringCase() {
        for (int i = 0; i < 120; i++) {
            drs.jobs.add(new FakeDrs.Job("other-" + i, "Camp-0001-LOG-0007-" + i, "SUCCESS"));
        }
        drs.jobs.add(new FakeDrs.Job("wanted", "camp-0001-log-0007", "SUCCESS"));

        assertEquals("wanted", activities.submitJob(seedLastIncrement("Camp-0001-LOG-0007")));

        assertEquals(0, drs.createBodies.size());
        assertEquals(3, drs.listCalls.get(), "121 candidates at 50 a page");
    }

    @Test
    void fuzzyMatchesAloneDoNotCountAsTheJob() {
        drs.jobs.add(new FakeDrs.Job("longer", "Camp-0001-LOG-00070", "SUCCESS"));

        assertEquals("job-2", activities.submitJob(seedLastIncrement("Camp-0001-LOG-0007")));
        assertEquals(1, drs.createBodies.size());
    }

    @Test
    void invalidRequestIsRejectedBeforeAnyCall() {
        JobRequest bad = JobRequest.builder()
                .name("x")
                .tags(List.of(new Tag("bad key!", "v")))
                .target("inst", null)
                .obsFile("Bad_Bucket", "log.trn", "")
                .recovery(JobRequest.RecoveryMode.INCRE, false)
                .precheck(true)
                .defaultRestore(true)
                .deleteBackupFile(true)
                .build();

        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> activities.submitJob(bad));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(DrsActivities.REJECTED, cause.getType());
        assertTrue(cause.isNonRetryable());
        assertTrue(cause.getOriginalMessage().contains("base_info.name"));
        assertTrue(cause.getOriginalMessage().contains("base_info.tags[0].key"));
        assertTrue(cause.getOriginalMessage().contains("backup_info.bucket_name"));
        assertTrue(cause.getOriginalMessage().contains("backup_info.files[0].name"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void drsRefusalIsANonRetryableRejectionCarryingItsCode() {
        drs.nextCreateAnswer = Answers.error(400, "DRS.10000001", "Failed.");

        ActivityFailure failure = assertThrows(
                ActivityFailure.class, () -> activities.submitJob(seedLastIncrement("Camp-0001-LOG-0008")));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(DrsActivities.REJECTED, cause.getType());
        assertTrue(cause.isNonRetryable());
        assertTrue(cause.getOriginalMessage().contains("DRS.10000001"));
        assertTrue(cause.getOriginalMessage().contains("Failed."));
    }

    @Test
    void throttlingBeyondTheClientsPatienceHandsRetryAfterToTemporal() {
        drs.nextCreateAnswer = Answers.throttled("90");

        ActivityFailure failure = assertThrows(
                ActivityFailure.class, () -> activities.submitJob(seedLastIncrement("Camp-0001-LOG-0009")));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(DrsActivitiesImpl.UNAVAILABLE, cause.getType());
        assertFalse(cause.isNonRetryable());
        assertEquals(Duration.ofSeconds(90), cause.getNextRetryDelay());
    }

    /**
     * A worker that dies while reading a job must be noticed within the heartbeat timeout, not the
     * start-to-close timeout: the read heartbeats.
     */
    @Test
    void awaitHeartbeatsWhileItReads() {
        AtomicInteger beats = new AtomicInteger();
        harness.onHeartbeat(beats::incrementAndGet);
        drs.jobs.add(new FakeDrs.Job("ok", "a-ok", "success"));

        activities.awaitJob("ok");

        assertTrue(beats.get() >= 1, "no heartbeat while reading the job");
    }

    @Test
    void awaitReturnsTheOutcomeOfAFinishedJob() {
        drs.jobs.add(new FakeDrs.Job("ok", "a-ok", "success"));
        drs.jobs.add(new FakeDrs.Job("bad", "a-bad", "FAILED"));
        drs.jobs.add(new FakeDrs.Job("pre", "a-pre", "PRECHECK FAILED"));

        JobOutcome ok = activities.awaitJob("ok");
        JobOutcome bad = activities.awaitJob("bad");
        JobOutcome pre = activities.awaitJob("pre");

        assertEquals(JobOutcome.State.SUCCESS, ok.state());
        assertTrue(ok.succeeded());
        assertNull(ok.errorLog());
        assertEquals("1706510914000", ok.createTime());
        assertEquals("1706511914000", ok.finishTime());
        assertEquals(JobOutcome.State.FAILED, bad.state());
        assertEquals("chain broken", bad.errorLog());
        assertEquals(JobOutcome.State.PRECHECK_FAILED, pre.state());
    }

    @Test
    void awaitOfARunningOrUnknownJobFailsRetryablyAsStillRunning() {
        drs.jobs.add(new FakeDrs.Job("running", "a-running", "TRANSFERRING"));
        drs.jobs.add(new FakeDrs.Job("odd", "a-odd", "PAUSED"));

        for (String id : List.of("running", "odd")) {
            ActivityFailure failure = assertThrows(ActivityFailure.class, () -> activities.awaitJob(id));
            ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
            assertEquals(DrsActivities.STILL_RUNNING, cause.getType());
            assertFalse(cause.isNonRetryable());
        }
    }

    @Test
    void awaitFollowsTheJobToItsEnd() {
        drs.jobs.add(new FakeDrs.Job("j", "a-j", "TRANSFERRING"));
        assertThrows(ActivityFailure.class, () -> activities.awaitJob("j"));

        drs.setStatus("j", "SUCCESS");

        assertTrue(activities.awaitJob("j").succeeded());
    }

    @Test
    void awaitOfAnUnknownJobFailsForGood() {
        ActivityFailure failure = assertThrows(ActivityFailure.class, () -> activities.awaitJob("missing"));

        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(DrsActivitiesImpl.JOB_NOT_FOUND, cause.getType());
        assertTrue(cause.isNonRetryable());
    }

    @Test
    void submitAndReadReturnsHowAJobThatHasAlreadyEndedEnded() {
        drs.createdStatus = "SUCCESS";
        SubmittedJob succeeded = activities.submitJobAndRead(seedLastIncrement("Camp-0001-LOG-0010"));
        drs.createdStatus = "FAILED";
        SubmittedJob failed = activities.submitJobAndRead(seedLastIncrement("Camp-0001-LOG-0011"));

        assertEquals("job-1", succeeded.jobId());
        assertEquals(JobOutcome.State.SUCCESS, succeeded.ended().state());
        assertEquals(JobOutcome.State.FAILED, failed.ended().state());
        assertEquals("chain broken", failed.ended().errorLog(), "the error_log reaches the operator without a wait");
        assertEquals(2, drs.createBodies.size());
    }

    @Test
    void submitAndReadLeavesARunningJobToTheWait() {
        SubmittedJob running = activities.submitJobAndRead(seedLastIncrement("Camp-0001-LOG-0012"));

        assertEquals("job-1", running.jobId());
        assertNull(running.ended(), "still TRANSFERRING: the workflow waits with awaitJob");
    }

    /** The job exists once create answered: a read that fails must not fail (and so repeat) the submission. */
    @Test
    void aReadThatFailsAfterTheCreateStillReturnsTheJobAndARerunFindsItByName() {
        drs.createdStatus = "SUCCESS";
        drs.showsToHide.set(1);
        JobRequest request = seedLastIncrement("Camp-0001-LOG-0013");

        SubmittedJob first = activities.submitJobAndRead(request);
        SubmittedJob again = activities.submitJobAndRead(request);

        assertEquals("job-1", first.jobId());
        assertNull(first.ended(), "not read: the wait reads it");
        assertEquals("job-1", again.jobId(), "a re-run (a worker lost before its task completed) adopts the job");
        assertEquals(JobOutcome.State.SUCCESS, again.ended().state());
        assertEquals(1, drs.createBodies.size(), "exactly one create reached DRS");
    }

    /** The request's body as DRS received it from another campaign run: the same name, other facts. */
    private static com.fasterxml.jackson.databind.node.ObjectNode bodyOf(JobRequest request) {
        return DrsJson.mapper().valueToTree(DrsActivitiesImpl.toCreateRequest(request));
    }

    private static JobRequest ofRun(JobRequest request, String runIdentity) {
        return request.toBuilder()
                .tags(List.of(new io.cutover.spec.Tag(JobRequest.RUN_TAG, runIdentity)))
                .build();
    }

    @Test
    void aJobOfTheSameNameForAnotherTargetIsNotAdoptedButNamedAndOurOwnIsCreated() {
        JobRequest ours = ofRun(seedLastIncrement("hb-orders-1a2b3c4d-2-1"), "0a1b2c3d4e5f");
        com.fasterxml.jackson.databind.node.ObjectNode foreign = bodyOf(ours);
        ((com.fasterxml.jackson.databind.node.ObjectNode) foreign.get("target_db_info"))
                .put("target_instance_id", "1b4292718cd65ac0ac1ddb0b9866872bin04");
        drs.add(foreign);

        SubmittedJob submitted = activities.submitJobAndRead(ours);

        assertEquals("job-2", submitted.jobId(), "a job of its own was created");
        assertEquals(1, drs.createBodies.size());
        assertEquals(1, submitted.notAdopted().size(), submitted.notAdopted().toString());
        String line = submitted.notAdopted().get(0);
        assertTrue(
                line.startsWith("a DRS job named hb-orders-1a2b3c4d-2-1 (id job-1, created 1706510914000, target "
                        + "1b4292718cd65ac0ac1ddb0b9866872bin04) is for target instance 1b4292718cd65ac0ac1ddb0b9866872bin04, not "
                        + "0a3182607bc549bcb46cc9a8755761a6in04: not adopted"),
                line);
    }

    @Test
    void aJobOfTheSameNameForAnotherFileOrMadeByAnotherRunIsNotAdopted() {
        JobRequest ours = ofRun(seedLastIncrement("hb-orders-1a2b3c4d-3-1"), "0a1b2c3d4e5f");
        com.fasterxml.jackson.databind.node.ObjectNode otherFile = bodyOf(ours);
        ((com.fasterxml.jackson.databind.node.ObjectNode) otherFile.at("/backup_info/files/0"))
                .put("name", "ims_log1.bak");
        drs.add(otherFile);
        drs.add(bodyOf(ofRun(ours, "9f8e7d6c5b4a")));
        com.fasterxml.jackson.databind.node.ObjectNode untagged = bodyOf(ours);
        ((com.fasterxml.jackson.databind.node.ObjectNode) untagged.get("base_info"))
                .putArray("tags")
                .addObject()
                .put("key", "owner")
                .put("value", "dba-team");
        drs.add(untagged);

        SubmittedJob submitted = activities.submitJobAndRead(ours);

        assertEquals("job-4", submitted.jobId());
        assertEquals(3, submitted.notAdopted().size(), submitted.notAdopted().toString());
        assertTrue(submitted.notAdopted().get(0).contains("restores ims_log1.bak, not ims_log2.bak"));
        assertTrue(submitted
                .notAdopted()
                .get(1)
                .contains("belongs to another campaign run (cutover-run 9f8e7d6c5b4a, this run is 0a1b2c3d4e5f)"));
        assertTrue(
                submitted.notAdopted().get(2).contains("belongs to another campaign run (it has no cutover-run tag)"));
    }

    @Test
    void ofTwoJobsOfOursWithTheSameNameTheFirstMadeIsAdoptedAndNoThirdIsCreated() {
        JobRequest ours = ofRun(seedLastIncrement("hb-orders-1a2b3c4d-4-1"), "0a1b2c3d4e5f");
        drs.add(bodyOf(ours));
        drs.add(bodyOf(ours));

        SubmittedJob submitted = activities.submitJobAndRead(ours);

        assertEquals("job-1", submitted.jobId(), "the first made");
        assertEquals(0, drs.createBodies.size(), "no create");
        assertTrue(submitted.notAdopted().isEmpty());
    }

    @Test
    void aJobListedButNotYetReadableIsLookedAtAgainNeverCreatedTwice() {
        JobRequest ours = ofRun(seedLastIncrement("hb-orders-1a2b3c4d-5-1"), "0a1b2c3d4e5f");
        drs.add(bodyOf(ours));
        drs.showsToHide.set(1);

        ActivityFailure hidden = assertThrows(ActivityFailure.class, () -> activities.submitJobAndRead(ours));
        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, hidden.getCause());
        assertEquals(DrsActivitiesImpl.UNAVAILABLE, cause.getType());
        assertFalse(cause.isNonRetryable(), "tried again, not answered with a create");
        assertEquals("job-1", activities.submitJobAndRead(ours).jobId());
        assertEquals(0, drs.createBodies.size());
    }

    /**
     * DRS lists a new job 3 s after its create, and the create's answer is lost: the retry must not
     * conclude from an empty list that the job is absent before the visibility window has passed.
     */
    @Test
    void aLostCreateThatListShowsLateIsFoundWithinTheVisibilityWindowNotCreatedTwice() {
        drs.listLagMillis = 3_000;
        drs.answersToLose.set(1);
        JobRequest request = seedLastIncrement("hb-orders-1a2b3c4d-6-1");

        assertThrows(ActivityFailure.class, () -> activities.submitJobAndRead(request), "the answer was lost");
        long retried = System.nanoTime();
        SubmittedJob found = activities.submitJobAndRead(request);

        assertEquals("job-1", found.jobId());
        assertEquals(1, drs.createBodies.size(), "exactly one create reached DRS");
        assertTrue(System.nanoTime() - retried >= 2_000_000_000L, "the retry waited for the job to be listed");
    }

    /** Without the window (0 s) the same lag makes a second job: the window is what prevents it. */
    @Test
    void withoutAVisibilityWindowTheSameLagMakesASecondJob() {
        harness.close();
        harness = new ActivityHarness(server.url("/").toString(), Duration.ZERO);
        activities = harness.activities;
        drs.listLagMillis = 3_000;
        drs.answersToLose.set(1);
        JobRequest request = seedLastIncrement("hb-orders-1a2b3c4d-7-1");

        assertThrows(ActivityFailure.class, () -> activities.submitJobAndRead(request));
        activities.submitJobAndRead(request);

        assertEquals(2, drs.createBodies.size(), "the lagging job was taken for absent");
    }

    /** A create that failed before it could reach DRS (refused outright) leaves nothing to wait for. */
    @Test
    void aCreateDrsRefusedIsNotWaitedFor() {
        drs.nextCreateAnswer = Answers.error(400, "DRS.10000001", "Failed.");
        JobRequest request = seedLastIncrement("hb-orders-1a2b3c4d-8-1");

        assertThrows(ActivityFailure.class, () -> activities.submitJobAndRead(request));
        long retried = System.nanoTime();
        assertEquals("job-1", activities.submitJobAndRead(request).jobId());
        assertTrue(System.nanoTime() - retried < 1_000_000_000L, "no window to wait out");
    }

    /**
     * A worker killed right after its create reached DRS, DRS listing new jobs 3 s late: the worker
     * started next (nothing in its memory) finds the record the first one wrote in the bucket
     * before sending, and waits for the job to be listed instead of creating a second.
     */
    @Test
    void aWorkerStartedAfterAnotherDiedMidCreateWaitsForItsJobInsteadOfCreatingASecond(@TempDir Path root)
            throws IOException {
        Files.createDirectories(root.resolve("zyy-obs"));
        BackupStore bucket = new LocalBackupStore(root);
        drs.listLagMillis = 3_000;
        drs.answersToLose.set(1);
        JobRequest request = seedLastIncrement("hb-orders-1a2b3c4d-9-1");

        try (ActivityHarness killed = new ActivityHarness(server.url("/").toString(), Duration.ofSeconds(10), bucket);
                ActivityHarness next =
                        new ActivityHarness(server.url("/").toString(), Duration.ofSeconds(10), bucket)) {
            assertThrows(ActivityFailure.class, () -> killed.activities.submitJobAndRead(request), "died mid-create");
            SubmittedJob found = next.activities.submitJobAndRead(request);

            assertEquals("job-1", found.jobId());
            assertEquals(1, drs.createBodies.size(), "exactly one create reached DRS");
        }
    }

    /** The same without a bucket to record creates in: the next worker takes the lagging job for absent. */
    @Test
    void withoutTheRecordInTheBucketTheNextWorkerCreatesASecondJob() {
        drs.listLagMillis = 3_000;
        drs.answersToLose.set(1);
        JobRequest request = seedLastIncrement("hb-orders-1a2b3c4d-10-1");

        try (ActivityHarness killed = new ActivityHarness(server.url("/").toString(), Duration.ofSeconds(10), null);
                ActivityHarness next = new ActivityHarness(server.url("/").toString(), Duration.ofSeconds(10), null)) {
            assertThrows(ActivityFailure.class, () -> killed.activities.submitJobAndRead(request));
            next.activities.submitJobAndRead(request);

            assertEquals(2, drs.createBodies.size(), "the lagging job was taken for absent");
        }
    }
}
