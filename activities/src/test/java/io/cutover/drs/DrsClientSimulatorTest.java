package io.cutover.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.drs.auth.AkSkAuth;
import io.cutover.drs.auth.DrsAuth;
import io.cutover.drs.auth.IamPasswordAuth;
import io.cutover.drs.auth.StaticTokenAuth;
import io.cutover.drs.model.CreateJobRequest;
import io.cutover.drs.model.JobDetail;
import io.cutover.drs.model.JobList;
import io.cutover.drs.model.JobStatus;
import io.cutover.drs.model.ListJobsQuery;
import io.cutover.drs.model.RecoveryMode;
import io.cutover.drs.model.SeedExamples;
import io.cutover.drs.model.UpdateJobRequest;
import io.cutover.simulator.DrsCall;
import io.cutover.simulator.DrsSimulator;
import io.cutover.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the DRS simulator, which shares no types with it: a mistake in the
 * client's models cannot hide behind a shared type here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DrsClientSimulatorTest {

    private static final String PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";
    private static final String TOKEN = "sim-token-0123456789";

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private DrsSimulator simulator;
    private DrsClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private void start(SimulatorOptions.Builder options) {
        start(options, new StaticTokenAuth(TOKEN));
    }

    private void start(SimulatorOptions.Builder options, DrsAuth auth) {
        simulator = DrsSimulator.start(options.token(TOKEN).build());
        client = new DrsClient(
                DrsClientConfig.builder()
                        .endpoint(simulator.baseUri().toString())
                        .projectId(PROJECT)
                        .auth(auth)
                        .retryPolicy(new RetryPolicy(
                                3, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(5)))
                        .build(),
                sleeper);
    }

    /** Polls show until the job has finished, for at most 30 s. */
    private JobDetail awaitFinished(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            JobDetail job = client.showJob(jobId);
            if (job.jobStatus().finished()) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }

    @Test
    void everyCallOverALifecycleFromTransferringToSuccess() throws Exception {
        start(SimulatorOptions.builder().restoreTime(Duration.ofSeconds(2)));

        String jobId = client.createJob(SeedExamples.obsFullNotLast()).jobId();

        JobDetail running = client.showJob(jobId);
        assertEquals(JobStatus.TRANSFERRING, running.jobStatus());
        assertThrows(DrsRejectedException.class, () -> client.deleteJob(jobId), "a running job cannot be deleted");
        JobDetail done = awaitFinished(jobId);
        assertEquals(JobStatus.SUCCESS, done.jobStatus());
        assertEquals("ims.bak", done.backupInfo().fileInfo().get(0).fileName());
        assertEquals(RecoveryMode.FULL, done.options().recoveryMode());

        JobList listed = client.listJobs(ListJobsQuery.byName("DRS-75", 10, 0));
        assertEquals(1, listed.count());
        assertEquals(jobId, listed.jobs().get(0).id());
        assertEquals(JobStatus.SUCCESS, listed.jobs().get(0).jobStatus());

        client.updateJob(jobId, new UpdateJobRequest("DRS-7527-full", "the full restore"));
        assertEquals("DRS-7527-full", client.showJob(jobId).baseInfo().name());
        assertEquals("the full restore", simulator.jobs().get(0).description());

        client.deleteJob(jobId);
        assertThrows(DrsJobNotFoundException.class, () -> client.showJob(jobId));
        assertEquals(0, client.listJobs(ListJobsQuery.byName("DRS", 10, 0)).count());
    }

    @Test
    void theSeedsFiveExamplesAsTheClientSendsThemAreAcceptedAndSucceed() throws Exception {
        start(SimulatorOptions.builder());
        List<CreateJobRequest> examples = List.of(
                SeedExamples.obsOneTimeFull(),
                SeedExamples.rdsFull(),
                SeedExamples.obsFullNotLast(),
                SeedExamples.obsIncreNotLast(),
                SeedExamples.obsIncreLast());

        for (CreateJobRequest example : examples) {
            JobDetail job = awaitFinished(client.createJob(example).jobId());
            assertEquals(JobStatus.SUCCESS, job.jobStatus(), job.errorLog());
        }
        assertEquals(5, simulator.jobs().size());
    }

    @Test
    void anIncrementWithoutAFullEndsFailedWithItsErrorLog() throws Exception {
        start(SimulatorOptions.builder().restoreTime(Duration.ofMillis(200)));

        JobDetail job =
                awaitFinished(client.createJob(SeedExamples.obsIncreNotLast()).jobId());

        assertEquals(JobStatus.FAILED, job.jobStatus());
        assertFalse(job.errorLog().isBlank());
    }

    @Test
    void aMissingFileWithPrecheckEndsPrecheckFailed(@TempDir Path emptyBucketRoot) throws Exception {
        start(SimulatorOptions.builder().bucketRoot(emptyBucketRoot));

        JobDetail job =
                awaitFinished(client.createJob(SeedExamples.obsFullNotLast()).jobId());

        assertEquals("PRECHECK FAILED", job.status());
        assertEquals(JobStatus.PRECHECK_FAILED, job.jobStatus());
    }

    @Test
    void numericRecoveryModeInShowIsRead() {
        start(SimulatorOptions.builder().numericRecoveryModeInShow(true));
        client.createJob(SeedExamples.obsFullNotLast());

        String increId = client.createJob(SeedExamples.obsIncreNotLast()).jobId();

        assertEquals(RecoveryMode.INCRE, client.showJob(increId).options().recoveryMode());
    }

    @Test
    void throttlingAndServerErrorsAreRetriedHonouringRetryAfter() {
        start(SimulatorOptions.builder());
        simulator
                .faults()
                .retryAfter(Duration.ofSeconds(2))
                .throttleNext(DrsCall.LIST, 2)
                .failNext(DrsCall.SHOW, 1);

        assertEquals(0, client.listJobs(ListJobsQuery.byName("x", 10, 0)).count());
        String jobId = client.createJob(SeedExamples.obsFullNotLast()).jobId();
        assertEquals(JobStatus.SUCCESS, client.showJob(jobId).jobStatus());

        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(50)), sleeper.waits);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsNotRepeatedByTheClient() {
        start(SimulatorOptions.builder());
        simulator.faults().dropNextCreates(1);

        DrsUnavailableException error =
                assertThrows(DrsUnavailableException.class, () -> client.createJob(SeedExamples.obsFullNotLast()));

        assertTrue(error.maybeApplied());
        assertEquals(1, simulator.jobs().size(), "the job exists although its answer was lost");
    }

    @Test
    void iamPasswordTokenFromTheSimulatorIsAccepted() {
        IamPasswordAuth.Builder iam = IamPasswordAuth.builder()
                .domainName("cutover-account")
                .userName("drs-operator")
                .password("not-checked-by-the-simulator")
                .projectId(PROJECT)
                .httpClient(new OkHttpClient.Builder()
                        .callTimeout(Duration.ofSeconds(5))
                        .build());
        simulator = DrsSimulator.start(SimulatorOptions.builder().token(TOKEN).build());
        IamPasswordAuth auth = iam.iamEndpoint(simulator.baseUri().toString()).build();
        client = new DrsClient(
                DrsClientConfig.builder()
                        .endpoint(simulator.baseUri().toString())
                        .projectId(PROJECT)
                        .auth(auth)
                        .build(),
                sleeper);

        client.listJobs(ListJobsQuery.byName("x", 10, 0));
        client.listJobs(ListJobsQuery.byName("y", 10, 0));

        long tokenRequests = simulator.requests().stream()
                .filter(r -> r.path().equals("/v3/auth/tokens"))
                .count();
        assertEquals(1, tokenRequests, "the token is cached");
    }

    @Test
    void akSkSignedRequestsAreAccepted() {
        simulator = DrsSimulator.start(SimulatorOptions.builder().build());
        client = new DrsClient(
                DrsClientConfig.builder()
                        .endpoint(simulator.baseUri().toString())
                        .projectId(PROJECT)
                        .auth(new AkSkAuth("AKEXAMPLE", "SKEXAMPLE-secret", Clock.systemUTC()))
                        .build(),
                sleeper);

        String jobId = client.createJob(SeedExamples.obsFullNotLast()).jobId();

        assertEquals(jobId, simulator.jobs().get(0).id());
        assertNotNull(simulator.requests().get(0).header("x-sdk-date"));
        assertNull(simulator.requests().get(0).header("x-auth-token"), "signed, not token-authenticated");
    }
}
