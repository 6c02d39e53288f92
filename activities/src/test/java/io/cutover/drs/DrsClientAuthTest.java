package io.cutover.drs;

import static io.cutover.drs.Answers.error;
import static io.cutover.drs.Answers.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import io.cutover.drs.auth.AkSkAuth;
import io.cutover.drs.auth.IamPasswordAuth;
import io.cutover.drs.model.DrsJson;
import io.cutover.drs.model.ListJobsQuery;
import io.cutover.drs.model.SeedExamples;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** IAM password tokens, AK/SK signing and redaction, against wire-level mocks of IAM and DRS. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DrsClientAuthTest {

    private static final String PROJECT = DrsClientTest.PROJECT;
    private static final String PASSWORD = "Pa55-word-never-logged!";
    private static final String TOKEN_1 = "MIIT-first-token-secret";
    private static final String TOKEN_2 = "MIIT-second-token-secret";
    private static final String AK = "AKEXAMPLE0123456789";
    private static final String SK = "SKEXAMPLE-secret-key-abcdefghijklmnop";
    private static final Instant START = Instant.parse("2026-11-28T14:00:00Z");

    private final MockWebServer iam = new MockWebServer();
    private final MockWebServer drs = new MockWebServer();
    private final MutableClock clock = new MutableClock(START);
    private final OkHttpClient iamHttp =
            new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<Logger> capturedLoggers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        iam.start(InetAddress.getByName("127.0.0.1"), 0);
        drs.start(InetAddress.getByName("127.0.0.1"), 0);
        logs.start();
        for (Class<?> type : List.of(DrsClient.class, IamPasswordAuth.class)) {
            Logger logger = (Logger) LoggerFactory.getLogger(type);
            logger.addAppender(logs);
            capturedLoggers.add(logger);
        }
    }

    @AfterEach
    void stop() {
        capturedLoggers.forEach(logger -> logger.detachAppender(logs));
        iam.close();
        drs.close();
    }

    private IamPasswordAuth iamAuth() {
        return IamPasswordAuth.builder()
                .iamEndpoint(iam.url("/").toString())
                .domainName("cutover-account")
                .userName("drs-operator")
                .password(PASSWORD)
                .projectId(PROJECT)
                .clock(clock)
                .refreshBefore(Duration.ofHours(1))
                .httpClient(iamHttp)
                .build();
    }

    private DrsClient client(io.cutover.drs.auth.DrsAuth auth) {
        return new DrsClient(
                DrsClientConfig.builder()
                        .endpoint(drs.url("/").toString())
                        .projectId(PROJECT)
                        .auth(auth)
                        .retryPolicy(DrsClientTest.FAST_RETRIES)
                        .clock(clock)
                        .build(),
                new RecordingSleeper());
    }

    private static MockResponse token(String token, Instant expiresAt) {
        return new MockResponse.Builder()
                .code(201)
                .setHeader("X-Subject-Token", token)
                .setHeader("Content-Type", "application/json")
                .body("{\"token\":{\"expires_at\":\"" + expiresAt + "\",\"methods\":[\"password\"]}}")
                .build();
    }

    private static MockResponse emptyList() {
        return json(200, "{\"count\":0,\"jobs\":[]}");
    }

    @Test
    void passwordTokenIsFetchedOnceAndSentAsAuthToken() throws Exception {
        iam.enqueue(token(TOKEN_1, START.plus(Duration.ofHours(24))));
        drs.enqueue(emptyList());
        drs.enqueue(emptyList());

        try (DrsClient client = client(iamAuth())) {
            client.listJobs(ListJobsQuery.byName("a", 10, 0));
            client.listJobs(ListJobsQuery.byName("b", 10, 0));
        }

        assertEquals(1, iam.getRequestCount());
        RecordedRequest tokenRequest = iam.takeRequest();
        assertEquals("POST", tokenRequest.getMethod());
        assertEquals("/v3/auth/tokens", tokenRequest.getTarget());
        JsonNode body = DrsJson.mapper().readTree(tokenRequest.getBody().utf8());
        assertEquals("password", body.at("/auth/identity/methods/0").asText());
        assertEquals(
                "drs-operator", body.at("/auth/identity/password/user/name").asText());
        assertEquals(PASSWORD, body.at("/auth/identity/password/user/password").asText());
        assertEquals(
                "cutover-account",
                body.at("/auth/identity/password/user/domain/name").asText());
        assertEquals(PROJECT, body.at("/auth/scope/project/id").asText());
        assertEquals(TOKEN_1, drs.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals(TOKEN_1, drs.takeRequest().getHeaders().get("X-Auth-Token"));
    }

    @Test
    void tokenIsRefreshedAheadOfItsExpiry() throws Exception {
        iam.enqueue(token(TOKEN_1, START.plus(Duration.ofHours(24))));
        iam.enqueue(token(TOKEN_2, START.plus(Duration.ofHours(47))));
        drs.enqueue(emptyList());
        drs.enqueue(emptyList());
        drs.enqueue(emptyList());

        try (DrsClient client = client(iamAuth())) {
            client.listJobs(ListJobsQuery.byName("a", 10, 0));
            clock.advance(Duration.ofHours(22).plusMinutes(59));
            client.listJobs(ListJobsQuery.byName("a", 10, 0));
            clock.advance(Duration.ofMinutes(1));
            client.listJobs(ListJobsQuery.byName("a", 10, 0));
        }

        assertEquals(2, iam.getRequestCount());
        assertEquals(TOKEN_1, drs.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals(TOKEN_1, drs.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals(TOKEN_2, drs.takeRequest().getHeaders().get("X-Auth-Token"));
    }

    @Test
    void invalidTokenAnswerFetchesAFreshTokenOnceAndRetries() throws Exception {
        iam.enqueue(token(TOKEN_1, START.plus(Duration.ofHours(24))));
        iam.enqueue(token(TOKEN_2, START.plus(Duration.ofHours(24))));
        drs.enqueue(error(401, DrsClient.INVALID_TOKEN, "Invalid token."));
        drs.enqueue(emptyList());

        try (DrsClient client = client(iamAuth())) {
            client.listJobs(ListJobsQuery.byName("a", 10, 0));
        }

        assertEquals(2, iam.getRequestCount());
        assertEquals(TOKEN_1, drs.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals(TOKEN_2, drs.takeRequest().getHeaders().get("X-Auth-Token"));
    }

    @Test
    void invalidTokenCodeOnAnotherStatusAlsoFetchesAFreshToken() throws Exception {
        iam.enqueue(token(TOKEN_1, START.plus(Duration.ofHours(24))));
        iam.enqueue(token(TOKEN_2, START.plus(Duration.ofHours(24))));
        drs.enqueue(error(400, DrsClient.INVALID_TOKEN, "Invalid token."));
        drs.enqueue(emptyList());

        try (DrsClient client = client(iamAuth())) {
            client.listJobs(ListJobsQuery.byName("a", 10, 0));
        }

        drs.takeRequest();
        assertEquals(TOKEN_2, drs.takeRequest().getHeaders().get("X-Auth-Token"));
    }

    @Test
    void tokenStillInvalidAfterOneRefreshFails() {
        iam.enqueue(token(TOKEN_1, START.plus(Duration.ofHours(24))));
        iam.enqueue(token(TOKEN_2, START.plus(Duration.ofHours(24))));
        iam.enqueue(token("third", START.plus(Duration.ofHours(24))));
        drs.enqueue(error(401, DrsClient.INVALID_TOKEN, "Invalid token."));
        drs.enqueue(error(401, DrsClient.INVALID_TOKEN, "Invalid token."));
        drs.enqueue(emptyList());

        try (DrsClient client = client(iamAuth())) {
            DrsAuthenticationException error = assertThrows(
                    DrsAuthenticationException.class, () -> client.listJobs(ListJobsQuery.byName("a", 10, 0)));
            assertFalse(error.retryable());
        }

        assertEquals(2, iam.getRequestCount());
        assertEquals(2, drs.getRequestCount());
    }

    @Test
    void refusedPasswordIsAnAuthenticationFailureAndNothingReachesDrs() {
        iam.enqueue(error(401, "IAM.0007", "The username or password is wrong."));

        try (DrsClient client = client(iamAuth())) {
            DrsAuthenticationException error =
                    assertThrows(DrsAuthenticationException.class, () -> client.createJob(SeedExamples.obsIncreLast()));
            assertFalse(error.retryable());
            assertFalse(error.getMessage().contains(PASSWORD));
        }

        assertEquals(1, iam.getRequestCount());
        assertEquals(0, drs.getRequestCount());
    }

    @Test
    void unavailableIamIsRetryable() {
        for (int i = 0; i < 3; i++) {
            iam.enqueue(error(503, "IAM.0001", "busy"));
        }

        try (DrsClient client = client(iamAuth())) {
            DrsUnavailableException error =
                    assertThrows(DrsUnavailableException.class, () -> client.createJob(SeedExamples.obsIncreLast()));
            assertTrue(error.retryable());
            assertFalse(error.maybeApplied());
        }

        assertEquals(3, iam.getRequestCount());
        assertEquals(0, drs.getRequestCount());
    }

    @Test
    void akSkSignatureOnTheWireMatchesTheOfficialSigner() throws Exception {
        drs.enqueue(json(200, "{\"job_id\":\"j1\"}"));

        try (DrsClient client = client(new AkSkAuth(AK, SK, clock))) {
            client.createJob(SeedExamples.obsIncreLast());
        }

        RecordedRequest request = drs.takeRequest();
        assertEquals("20261128T140000Z", request.getHeaders().get("X-Sdk-Date"));
        String authorization = request.getHeaders().get("Authorization");
        assertNotNull(authorization);
        HttpRequest official = HttpRequest.newBuilder()
                .withEndpoint("http://" + request.getHeaders().get("Host"))
                .withPath(request.getUrl().encodedPath())
                .withMethod(HttpMethod.POST)
                .addHeader("X-Language", request.getHeaders().get("X-Language"))
                .addHeader("X-Sdk-Date", request.getHeaders().get("X-Sdk-Date"))
                .addHeader("Content-Type", "application/json")
                .withBodyAsString(request.getBody().utf8())
                .build();
        assertEquals(
                AKSKSigner.getInstance()
                        .sign(official, new BasicCredentials().withAk(AK).withSk(SK))
                        .get("Authorization"),
                authorization);
        assertFalse(authorization.contains(SK));
    }

    @Test
    void secretsAppearNeitherInLogsNorInMessages() {
        iam.enqueue(token(TOKEN_1, START.plus(Duration.ofHours(24))));
        iam.enqueue(token(TOKEN_2, START.plus(Duration.ofHours(24))));
        drs.enqueue(error(401, DrsClient.INVALID_TOKEN, "Invalid token."));
        drs.enqueue(error(400, "DRS.10000001", "Failed."));
        drs.enqueue(error(503, "DRS.M00001", "busy"));
        drs.enqueue(error(503, "DRS.M00001", "busy"));
        drs.enqueue(error(503, "DRS.M00001", "busy"));
        drs.enqueue(json(200, "{\"job_id\":\"j1\"}"));

        List<String> texts = new ArrayList<>();
        IamPasswordAuth iamAuth = iamAuth();
        AkSkAuth akSk = new AkSkAuth(AK, SK, clock);
        try (DrsClient client = client(iamAuth);
                DrsClient signing = client(akSk)) {
            DrsRejectedException rejected =
                    assertThrows(DrsRejectedException.class, () -> client.createJob(SeedExamples.obsIncreLast()));
            DrsUnavailableException unavailable =
                    assertThrows(DrsUnavailableException.class, () -> client.showJob("j1"));
            signing.createJob(SeedExamples.obsIncreLast());
            texts.add(rejected.getMessage());
            texts.add(rejected.toString());
            texts.add(unavailable.getMessage());
            texts.add(unavailable.toString());
            texts.add(client.toString());
            texts.add(signing.toString());
            texts.add(iamAuth.toString());
            texts.add(akSk.toString());
        }
        logs.list.forEach(event -> texts.add(event.getFormattedMessage()));

        assertTrue(logs.list.size() >= 6, "the calls were logged");
        assertTrue(
                logs.list.stream().anyMatch(e -> e.getFormattedMessage().matches("DRS POST /v5/.+ -> 400 in \\d+ ms")),
                "a call's log line names method, path, status and duration");
        for (String text : texts) {
            for (String secret : List.of(PASSWORD, TOKEN_1, TOKEN_2, SK, AK)) {
                assertFalse(text.contains(secret), () -> "secret leaked into: " + text);
            }
        }
    }
}
