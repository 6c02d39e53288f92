package io.cutover.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.cutover.codec.AesGcmPayloadCodec;
import io.cutover.worker.config.ConfigLoader;
import io.cutover.worker.config.WorkerConfig;
import io.cutover.worker.logging.CampaignMdcInterceptor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@Timeout(60)
class WorkerRuntimeTest {

    private static final String CAMPAIGN = "cutover-orders-db";

    @TempDir
    Path dir;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Scope scope = new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofMillis(50));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private TestWorkflowEnvironment env;

    @BeforeEach
    void setUp() {
        env = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setMetricsScope(scope).build());
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        env.close();
    }

    private Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "DRS_TOKEN", "t",
                "CUTOVER_DRS_ENDPOINT", "http://127.0.0.1:1",
                "CUTOVER_DRS_PROJECT_ID", "p",
                "CUTOVER_DRS_REGION", "r",
                "CUTOVER_DRS_AUTH_TOKEN_ENV", "DRS_TOKEN",
                "CUTOVER_STORE_TYPE", "LOCAL",
                "CUTOVER_STORE_LOCAL_ROOT", dir.toString(),
                "CUTOVER_TEMPORAL_NAMESPACE", env.getNamespace(),
                "CUTOVER_OPS_PORT", "0",
                "CUTOVER_OPS_BIND_ADDRESS", "127.0.0.1"));
        environment.putAll(extra);
        return environment;
    }

    private WorkerConfig config() {
        return ConfigLoader.load(null, environment(Map.of()));
    }

    private WorkerRuntime startRuntime() throws IOException {
        return startRuntime(Map.of());
    }

    private WorkerRuntime startRuntime(Map<String, String> extraEnvironment) throws IOException {
        SearchAttributeCheck.REQUIRED.forEach(env::registerSearchAttribute);
        Map<String, String> environment = environment(extraEnvironment);
        return WorkerRuntime.start(
                ConfigLoader.load(null, environment),
                new WorkerRuntime.Registration(
                        List.of(ProbeWorkflowImpl.class),
                        List.of(new FakeActivities.Drs(), new FakeActivities.Backups())),
                environment,
                env.getWorkflowServiceStubs(),
                env.getOperatorServiceStubs(),
                scope,
                registry);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String runProbe(WorkerRuntime runtime, long lastModified) {
        ProbeWorkflow probe = runtime.client()
                .newWorkflowStub(
                        ProbeWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(CAMPAIGN)
                                .setTaskQueue(config().temporal().taskQueue())
                                .setWorkflowRunTimeout(Duration.ofSeconds(30))
                                .build());
        return probe.run(lastModified);
    }

    @Test
    void servesHealthAndProductAndSdkMetrics() throws Exception {
        try (WorkerRuntime runtime = startRuntime()) {
            long lastModified = System.currentTimeMillis() - 120_000;
            assertEquals("SUCCESS", runProbe(runtime, lastModified));

            HttpResponse<String> health = get(runtime.opsPort(), "/healthz");
            assertEquals(200, health.statusCode(), health.body());

            String metrics = awaitSdkMetrics(runtime.opsPort());
            assertTrue(metrics.contains("cutover_drs_jobs_submitted_total 1.0"), metrics);
            assertTrue(metrics.contains("cutover_drs_jobs_finished_total{outcome=\"SUCCESS\"} 1.0"), metrics);
            assertTrue(metrics.contains("cutover_drs_job_duration_seconds_count{outcome=\"SUCCESS\"} 1"), metrics);
            assertTrue(metrics.contains("cutover_campaigns{phase=\"BLOCKED\"} 1.0"), metrics);
            assertTrue(metrics.contains("cutover_campaigns{phase=\"CATCHING_UP\"} 0.0"), metrics);
            assertTrue(metrics.contains("cutover_campaigns_blocked 1.0"), metrics);
            double lag = lagOf(metrics);
            assertTrue(lag >= 120 && lag < 180, "lag " + lag);
            // The SDK's own metrics, reported through Micrometer.
            assertTrue(metrics.contains("temporal_workflow_completed"), metrics);
            assertTrue(metrics.contains("temporal_activity_execution_latency"), metrics);
        }
    }

    /**
     * The metrics page once the SDK's tally scope has reported (every 50 ms, on a thread of its own
     * that a busy machine may run late), read again until then for at most 10 s.
     */
    private String awaitSdkMetrics(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String metrics = get(port, "/metrics").body();
        while (!(metrics.contains("temporal_workflow_completed")
                        && metrics.contains("temporal_activity_execution_latency"))
                && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
            metrics = get(port, "/metrics").body();
        }
        return metrics;
    }

    private static double lagOf(String metrics) {
        String prefix = "cutover_backup_lag_seconds{campaign=\"" + CAMPAIGN + "\"} ";
        return metrics.lines()
                .filter(line -> line.startsWith(prefix))
                .map(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no lag gauge in\n" + metrics));
    }

    @Test
    void everyLineAboutTheCampaignCarriesItsId() throws Exception {
        try (WorkerRuntime runtime = startRuntime()) {
            runProbe(runtime, 0);
        }
        Map<String, String> campaignByMessage = logs.list.stream()
                .filter(e -> e.getLoggerName().equals(FakeActivities.class.getName())
                        || e.getLoggerName().equals(ProbeWorkflowImpl.class.getName()))
                .collect(Collectors.toMap(
                        ILoggingEvent::getFormattedMessage,
                        e -> String.valueOf(e.getMDCPropertyMap().get(CampaignMdcInterceptor.MDC_KEY)),
                        (a, b) -> a));
        assertEquals(
                Map.of(
                        "probe workflow running", CAMPAIGN,
                        "staging db/LOG_1.trn", CAMPAIGN,
                        "submitting job", CAMPAIGN,
                        "awaiting job job-1", CAMPAIGN),
                campaignByMessage);
    }

    @Test
    void closeShutsDownGracefullyAndStopsServing() throws Exception {
        WorkerRuntime runtime = startRuntime();
        int port = runtime.opsPort();
        assertFalse(runtime.isTerminated());

        runtime.close();

        assertTrue(runtime.isTerminated());
        assertThrows(ConnectException.class, () -> get(port, "/healthz"));
    }

    @Test
    void refusesToStartWithoutTheSearchAttributes() throws IOException {
        IllegalStateException error;
        try (FakeOperatorService operator =
                new FakeOperatorService(Map.of("CampaignPhase", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD))) {
            error = assertThrows(
                    IllegalStateException.class,
                    () -> WorkerRuntime.start(
                            config(),
                            new WorkerRuntime.Registration(List.of(ProbeWorkflowImpl.class), List.of()),
                            Map.of(),
                            env.getWorkflowServiceStubs(),
                            operator.stubs(),
                            scope,
                            registry));
        }
        assertTrue(
                error.getMessage()
                        .contains("temporal operator search-attribute create --address 127.0.0.1:7233 --namespace "
                                + env.getNamespace()
                                + " --name AppliedBackups --type Int --name TargetInstanceId --type Keyword"),
                error.getMessage());
    }

    // ---- payload encryption ----

    /** The backup key the probe stages: it travels in an activity input, so it must not be readable. */
    private static final String MARKER = "LOG_1.trn";

    private static final String UI_ORIGIN = "http://localhost:8080";
    private static final String CODEC_TOKEN = "codec-endpoint-token-5f2a9c71e0";

    private static Map<String, String> encryption() {
        return Map.of(
                "CUTOVER_CODEC_ENABLED", "true",
                "CUTOVER_CODEC_KEYS_ENV", "PAYLOAD_KEYS",
                "PAYLOAD_KEYS", "k2:" + randomKey() + ",k1:" + randomKey(),
                "CUTOVER_CODEC_ENDPOINT_ENABLED", "true",
                "CUTOVER_CODEC_ENDPOINT_PORT", "0",
                "CUTOVER_CODEC_ENDPOINT_ALLOWED_ORIGIN", UI_ORIGIN,
                "CUTOVER_CODEC_ENDPOINT_TOKEN_ENV", "CODEC_TOKEN",
                "CODEC_TOKEN", CODEC_TOKEN);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private HistoryPayloads historyPayloads(WorkerRuntime runtime) {
        return HistoryPayloads.of(runtime.client().fetchHistory(CAMPAIGN).getHistory());
    }

    private static boolean mentions(Payload payload, String text) {
        return payload.toByteString().toStringUtf8().contains(text);
    }

    @Test
    void withoutEncryptionThePayloadsAreReadableInTheHistory() throws Exception {
        // The control for the next test: the marker is there to be found when nothing hides it.
        try (WorkerRuntime runtime = startRuntime()) {
            runProbe(runtime, 0);

            HistoryPayloads payloads = historyPayloads(runtime);
            assertTrue(payloads.data().stream().anyMatch(p -> mentions(p, MARKER)));
            assertTrue(payloads.data().stream().noneMatch(AesGcmPayloadCodec::isEncrypted));
            assertTrue(runtime.codecEndpoint().isEmpty());
        }
    }

    @Test
    void withEncryptionEveryPayloadInTheHistoryIsEncryptedButSearchAttributesStayPlain() throws Exception {
        try (WorkerRuntime runtime = startRuntime(encryption())) {
            assertEquals("SUCCESS", runProbe(runtime, 0));

            HistoryPayloads payloads = historyPayloads(runtime);
            // Workflow input and result, and each activity's input and result.
            assertTrue(payloads.data().size() >= 8, payloads.data().size() + " payloads");
            for (Payload payload : payloads.data()) {
                assertTrue(
                        AesGcmPayloadCodec.isEncrypted(payload),
                        payload.getMetadataMap().toString());
                assertEquals(
                        "k2",
                        payload.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID_METADATA)
                                .toStringUtf8());
                assertFalse(mentions(payload, MARKER));
            }
            assertFalse(
                    runtime.client()
                            .fetchHistory(CAMPAIGN)
                            .getHistory()
                            .toByteString()
                            .toStringUtf8()
                            .contains(MARKER),
                    "the backup key appears somewhere in the raw history");
            // The server must read search attributes to index them: they stay plain JSON.
            assertFalse(payloads.searchAttributes().isEmpty());
            assertTrue(payloads.searchAttributes().stream().noneMatch(AesGcmPayloadCodec::isEncrypted));
            assertTrue(payloads.searchAttributes().stream().anyMatch(p -> mentions(p, "\"BLOCKED\"")));
        }
    }

    @Test
    void theWorkersCodecEndpointDecodesForTheUiAndRefusesOthers() throws Exception {
        WorkerRuntime runtime = startRuntime(encryption());
        URI endpoint = runtime.codecEndpoint().orElseThrow();
        try (runtime) {
            runProbe(runtime, 0);
            String body = codecBody(historyPayloads(runtime).data());

            HttpResponse<String> decoded =
                    post(endpoint, body, Map.of("Origin", UI_ORIGIN, "Authorization", "Bearer " + CODEC_TOKEN));
            assertEquals(200, decoded.statusCode(), decoded.body());
            assertEquals(
                    UI_ORIGIN,
                    decoded.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(decodedData(decoded.body()).contains(MARKER), decoded.body());
            assertFalse(decoded.body().contains(AesGcmPayloadCodec.ENCODING), decoded.body());

            assertEquals(401, post(endpoint, body, Map.of("Origin", UI_ORIGIN)).statusCode());
            assertEquals(
                    401,
                    post(endpoint, body, Map.of("Origin", UI_ORIGIN, "Authorization", "Bearer not-" + CODEC_TOKEN))
                            .statusCode());
            assertEquals(
                    403,
                    post(
                                    endpoint,
                                    body,
                                    Map.of("Origin", "http://evil.example", "Authorization", "Bearer " + CODEC_TOKEN))
                            .statusCode());
        }
        // It closes with the worker.
        assertThrows(ConnectException.class, () -> post(endpoint, "{}", Map.of()));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The remote codec protocol's request: {"payloads":[{"metadata":{k:base64},"data":base64}]}. */
    private static String codecBody(List<Payload> payloads) throws IOException {
        ArrayNode array = JSON.createArrayNode();
        for (Payload payload : payloads) {
            ObjectNode node = array.addObject();
            ObjectNode metadata = node.putObject("metadata");
            payload.getMetadataMap().forEach((key, value) -> metadata.put(key, base64(value.toByteArray())));
            node.put("data", base64(payload.getData().toByteArray()));
        }
        return JSON.writeValueAsString(JSON.createObjectNode().set("payloads", array));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The decoded payloads' data, joined. */
    private static String decodedData(String body) throws IOException {
        StringBuilder data = new StringBuilder();
        for (JsonNode payload : JSON.readTree(body).get("payloads")) {
            data.append(
                    new String(Base64.getDecoder().decode(payload.get("data").asText()), StandardCharsets.UTF_8));
        }
        return data.toString();
    }

    private HttpResponse<String> post(URI endpoint, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/decode"))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
