package io.cutover.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.cutover.worker.config.ConfigLoader;
import io.cutover.worker.config.WorkerConfig;
import io.cutover.worker.logging.CampaignMdcInterceptor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  @TempDir Path dir;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Scope scope =
      new RootScopeBuilder()
          .reporter(new MicrometerClientStatsReporter(registry))
          .reportEvery(com.uber.m3.util.Duration.ofMillis(50));
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void setUp() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setMetricsScope(scope).build());
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    env.close();
  }

  private WorkerConfig config() {
    Map<String, String> environment =
        Map.of(
            "DRS_TOKEN", "t",
            "CUTOVER_DRS_ENDPOINT", "http://127.0.0.1:1",
            "CUTOVER_DRS_PROJECT_ID", "p",
            "CUTOVER_DRS_REGION", "r",
            "CUTOVER_DRS_AUTH_TOKEN_ENV", "DRS_TOKEN",
            "CUTOVER_STORE_TYPE", "LOCAL",
            "CUTOVER_STORE_LOCAL_ROOT", dir.toString(),
            "CUTOVER_TEMPORAL_NAMESPACE", env.getNamespace(),
            "CUTOVER_OPS_PORT", "0",
            "CUTOVER_OPS_BIND_ADDRESS", "127.0.0.1");
    return ConfigLoader.load(null, environment);
  }

  private WorkerRuntime startRuntime() throws IOException {
    SearchAttributeCheck.REQUIRED.forEach(env::registerSearchAttribute);
    return WorkerRuntime.start(
        config(),
        new WorkerRuntime.Registration(
            List.of(ProbeWorkflowImpl.class),
            List.of(new FakeActivities.Drs(), new FakeActivities.Backups())),
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
    ProbeWorkflow probe =
        runtime
            .client()
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

      Thread.sleep(200); // the tally scope reports every 50 ms
      String metrics = get(runtime.opsPort(), "/metrics").body();
      assertTrue(metrics.contains("cutover_drs_jobs_submitted_total 1.0"), metrics);
      assertTrue(
          metrics.contains("cutover_drs_jobs_finished_total{outcome=\"SUCCESS\"} 1.0"), metrics);
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

  private static double lagOf(String metrics) {
    String prefix = "cutover_backup_lag_seconds{campaign=\"" + CAMPAIGN + "\"} ";
    return metrics
        .lines()
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
    Map<String, String> campaignByMessage =
        logs.list.stream()
            .filter(
                e ->
                    e.getLoggerName().equals(FakeActivities.class.getName())
                        || e.getLoggerName().equals(ProbeWorkflowImpl.class.getName()))
            .collect(
                Collectors.toMap(
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
        new FakeOperatorService(
            Map.of("CampaignPhase", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD))) {
      error =
          assertThrows(
              IllegalStateException.class,
              () ->
                  WorkerRuntime.start(
                      config(),
                      new WorkerRuntime.Registration(List.of(ProbeWorkflowImpl.class), List.of()),
                      env.getWorkflowServiceStubs(),
                      operator.stubs(),
                      scope,
                      registry));
    }
    assertTrue(
        error
            .getMessage()
            .contains(
                "temporal operator search-attribute create --address 127.0.0.1:7233 --namespace "
                    + env.getNamespace()
                    + " --name AppliedBackups --type Int --name TargetInstanceId --type Keyword"),
        error.getMessage());
  }
}
