package io.cutover.drs;

import static io.cutover.drs.Answers.error;
import static io.cutover.drs.Answers.json;
import static io.cutover.drs.Answers.throttled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.drs.auth.StaticTokenAuth;
import io.cutover.drs.model.DrsJson;
import io.cutover.drs.model.JobDetail;
import io.cutover.drs.model.JobList;
import io.cutover.drs.model.JobStatus;
import io.cutover.drs.model.ListJobsQuery;
import io.cutover.drs.model.SeedExamples;
import io.cutover.drs.model.UpdateJobRequest;
import io.cutover.drs.validation.InvalidRequestException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a wire-level mock: exact requests, error mapping and retries. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DrsClientTest {

    static final String PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";
    static final String JOBS_PATH = "/v5/" + PROJECT + "/backup-migration-jobs";
    static final String TOKEN = "MIIZtoken-secret-value-0123456789";
    static final Instant NOW = Instant.parse("2026-11-28T14:00:00Z");
    static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofSeconds(5));

    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private DrsClient client;

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        client = new DrsClient(config().build(), sleeper);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    DrsClientConfig.Builder config() {
        return DrsClientConfig.builder()
                .endpoint(server.url("/").toString())
                .projectId(PROJECT)
                .auth(new StaticTokenAuth(TOKEN))
                .retryPolicy(FAST_RETRIES)
                .readTimeout(Duration.ofSeconds(5))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // --- the five calls ---------------------------------------------------------------------

    @Test
    void createSendsTheSeedsBodyWithExactHeaders() throws Exception {
        server.enqueue(json(200, "{\"job_id\":\"0667845a-6291-4e2a-95b0-190c0abjb703\"}"));

        String jobId = client.createJob(SeedExamples.obsIncreLast()).jobId();

        assertEquals("0667845a-6291-4e2a-95b0-190c0abjb703", jobId);
        RecordedRequest request = server.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals(JOBS_PATH, request.getTarget());
        assertEquals("application/json", request.getHeaders().get("Content-Type"));
        assertEquals(TOKEN, request.getHeaders().get("X-Auth-Token"));
        assertEquals("en-us", request.getHeaders().get("X-Language"));
        assertEquals(
                seed(SeedExamples.OBS_INCRE_LAST),
                DrsJson.mapper().readTree(request.getBody().utf8()));
    }

    @Test
    void languageIsConfigurable() throws Exception {
        client.close();
        client = new DrsClient(config().language(Language.ZH_CN).build(), sleeper);
        server.enqueue(json(200, "{\"count\":0,\"jobs\":[]}"));

        client.listJobs(ListJobsQuery.byName("x", 10, 0));

        assertEquals("zh-cn", server.takeRequest().getHeaders().get("X-Language"));
    }

    @Test
    void listSendsQueryAndReadsPage() throws Exception {
        server.enqueue(
                json(200, "{\"count\":1,\"jobs\":[{\"id\":\"j1\",\"name\":\"Camp-0001\",\"status\":\"success\"}]}"));

        JobList page = client.listJobs(new ListJobsQuery(
                "Camp 1",
                "SUCCESS",
                List.of("i1", "i2"),
                null,
                null,
                null,
                "0",
                "env=prod",
                50,
                100,
                "created_at",
                "desc"));

        RecordedRequest request = server.takeRequest();
        assertEquals("GET", request.getMethod());
        assertEquals(JOBS_PATH, request.getUrl().encodedPath());
        assertEquals("Camp 1", request.getUrl().queryParameter("name"));
        assertEquals(List.of("i1", "i2"), request.getUrl().queryParameterValues("dbs_instance_ids"));
        assertEquals("50", request.getUrl().queryParameter("limit"));
        assertEquals("100", request.getUrl().queryParameter("offset"));
        assertEquals("0", request.getUrl().queryParameter("enterprise_project_id"));
        assertEquals("desc", request.getUrl().queryParameter("sort_dir"));
        assertEquals("env=prod", request.getUrl().queryParameter("tags"));
        assertNull(request.getUrl().queryParameter("description"));
        assertNull(request.getHeaders().get("Content-Type"));
        assertEquals(TOKEN, request.getHeaders().get("X-Auth-Token"));
        assertEquals(JobStatus.SUCCESS, page.jobs().get(0).jobStatus());
    }

    @Test
    void showReadsTheJob() throws Exception {
        server.enqueue(json(200, "{\"id\":\"j1\",\"status\":\"PRECHECK FAILED\",\"error_log\":\"no such file\"}"));

        JobDetail job = client.showJob("j1");

        assertEquals(JOBS_PATH + "/j1", server.takeRequest().getTarget());
        assertEquals(JobStatus.PRECHECK_FAILED, job.jobStatus());
        assertEquals("no such file", job.errorLog());
    }

    @Test
    void updateSendsNameAndDescription() throws Exception {
        server.enqueue(json(200, "{}"));

        client.updateJob("j1", new UpdateJobRequest("Camp-0001", "renamed"));

        RecordedRequest request = server.takeRequest();
        assertEquals("PUT", request.getMethod());
        assertEquals(JOBS_PATH + "/j1", request.getTarget());
        assertEquals("application/json", request.getHeaders().get("Content-Type"));
        assertEquals(
                DrsJson.mapper().readTree("{\"name\":\"Camp-0001\",\"description\":\"renamed\"}"),
                DrsJson.mapper().readTree(request.getBody().utf8()));
    }

    @Test
    void deleteTargetsTheJob() throws Exception {
        server.enqueue(json(204, ""));

        client.deleteJob("j1");

        RecordedRequest request = server.takeRequest();
        assertEquals("DELETE", request.getMethod());
        assertEquals(JOBS_PATH + "/j1", request.getTarget());
        assertEquals(TOKEN, request.getHeaders().get("X-Auth-Token"));
    }

    // --- validation and error mapping -------------------------------------------------------

    @Test
    void invalidRequestIsRejectedBeforeAnythingIsSent() {
        var request = SeedExamples.obsIncreLast();
        var bad = new io.cutover.drs.model.CreateJobRequest(
                new io.cutover.drs.model.BaseInfo("no", "sqlserver", null, null, null),
                request.targetDbInfo(),
                request.backupInfo(),
                request.options());

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> client.createJob(bad));

        assertTrue(error.getMessage().contains("base_info.name"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void badRequestBecomesANonRetryableRejectionWithDrsCodeAndMessage() {
        server.enqueue(error(400, "DRS.10000001", "Failed."));

        DrsRejectedException error =
                assertThrows(DrsRejectedException.class, () -> client.createJob(SeedExamples.obsIncreLast()));

        assertFalse(error.retryable());
        assertEquals(400, error.httpStatus());
        assertEquals("DRS.10000001", error.errorCode());
        assertEquals("Failed.", error.errorMsg());
        assertTrue(error.getMessage().contains("DRS.10000001 Failed."));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void jobNotFoundIsItsOwnType() {
        server.enqueue(error(404, "DRS.10000010", "The job does not exist."));
        server.enqueue(error(400, "DRS.10000010", "The job does not exist."));

        DrsJobNotFoundException by404 = assertThrows(DrsJobNotFoundException.class, () -> client.showJob("gone"));
        DrsJobNotFoundException byCode = assertThrows(DrsJobNotFoundException.class, () -> client.showJob("gone"));

        assertEquals("gone", by404.jobId());
        assertFalse(byCode.retryable());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void invalidTokenWithAStaticTokenFailsAtOnce() {
        server.enqueue(error(401, DrsClient.INVALID_TOKEN, "Invalid token."));

        DrsAuthenticationException error = assertThrows(DrsAuthenticationException.class, () -> client.showJob("j1"));

        assertFalse(error.retryable());
        assertEquals(DrsClient.INVALID_TOKEN, error.errorCode());
        assertEquals(1, server.getRequestCount());
    }

    // --- retries ----------------------------------------------------------------------------

    @Test
    void throttlingIsRetriedHonouringRetryAfter() throws Exception {
        server.enqueue(throttled("2"));
        server.enqueue(json(200, "{\"id\":\"j1\",\"status\":\"TRANSFERRING\"}"));

        assertEquals(JobStatus.TRANSFERRING, client.showJob("j1").jobStatus());

        assertEquals(List.of(Duration.ofSeconds(2)), sleeper.waits);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        server.enqueue(throttled("Sat, 28 Nov 2026 14:00:03 GMT"));
        server.enqueue(json(200, "{\"id\":\"j1\",\"status\":\"SUCCESS\"}"));

        client.showJob("j1");

        assertEquals(List.of(Duration.ofSeconds(3)), sleeper.waits);
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimesWithBackoff() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(error(503, "DRS.M00001", "busy"));
        }

        DrsUnavailableException error = assertThrows(DrsUnavailableException.class, () -> client.showJob("j1"));

        assertTrue(error.retryable());
        assertEquals(503, error.httpStatus());
        assertEquals(3, server.getRequestCount());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(150)), sleeper.waits);
    }

    @Test
    void retryAfterLongerThanTheClientWaitsIsHandedToTheCaller() {
        server.enqueue(throttled("120"));

        DrsUnavailableException error = assertThrows(DrsUnavailableException.class, () -> client.showJob("j1"));

        assertEquals(Duration.ofSeconds(120), error.retryAfter().orElseThrow());
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), sleeper.waits);
    }

    @Test
    void throttledCreateIsRetriedBecauseDrsDidNotActOnIt() {
        server.enqueue(throttled("1"));
        server.enqueue(json(200, "{\"job_id\":\"j1\"}"));

        assertEquals("j1", client.createJob(SeedExamples.obsIncreLast()).jobId());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void createAfterAServerErrorIsNotRepeatedBlindly() {
        server.enqueue(error(500, "DRS.M00002", "internal"));
        server.enqueue(json(200, "{\"job_id\":\"second\"}"));

        DrsUnavailableException error =
                assertThrows(DrsUnavailableException.class, () -> client.createJob(SeedExamples.obsIncreLast()));

        assertTrue(error.retryable());
        assertTrue(error.maybeApplied());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void lostAnswerIsRetriedForAReadButNotForACreate() throws Exception {
        MockResponse lost = new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build();
        server.enqueue(lost);
        server.enqueue(json(200, "{\"id\":\"j1\",\"status\":\"SUCCESS\"}"));
        assertEquals(JobStatus.SUCCESS, client.showJob("j1").jobStatus());
        assertEquals(2, server.getRequestCount());

        server.enqueue(lost);
        server.enqueue(json(200, "{\"job_id\":\"duplicate\"}"));
        DrsUnavailableException error =
                assertThrows(DrsUnavailableException.class, () -> client.createJob(SeedExamples.obsIncreLast()));
        assertTrue(error.maybeApplied());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void readTimeoutIsRetryable() {
        client.close();
        client = new DrsClient(
                config().readTimeout(Duration.ofMillis(200))
                        .retryPolicy(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO))
                        .build(),
                sleeper);
        server.enqueue(new MockResponse.Builder(json(200, "{}"))
                .headersDelay(2, TimeUnit.SECONDS)
                .build());

        DrsUnavailableException error = assertThrows(DrsUnavailableException.class, () -> client.showJob("j1"));

        assertTrue(error.retryable());
        assertEquals(0, error.httpStatus());
        assertInstanceOf(java.io.InterruptedIOException.class, error.getCause());
    }

    @Test
    void refusedConnectionIsRetriedEvenForACreate() throws Exception {
        int closedPort;
        try (MockWebServer closed = new MockWebServer()) {
            closed.start(InetAddress.getByName("127.0.0.1"), 0);
            closedPort = closed.getPort();
        }
        client.close();
        client = new DrsClient(
                config().endpoint("http://127.0.0.1:" + closedPort).build(), sleeper);

        DrsUnavailableException error =
                assertThrows(DrsUnavailableException.class, () -> client.createJob(SeedExamples.obsIncreLast()));

        assertFalse(error.maybeApplied());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(150)), sleeper.waits);
    }

    @Test
    void configAndClientNeverShowTheToken() {
        assertFalse(config().build().toString().contains(TOKEN));
        assertFalse(client.toString().contains(TOKEN));
    }

    static JsonNode seed(String resource) throws Exception {
        try (InputStream in = DrsClientTest.class.getClassLoader().getResourceAsStream(resource)) {
            return DrsJson.mapper().readTree(in);
        }
    }
}
