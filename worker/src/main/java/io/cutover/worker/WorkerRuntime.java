package io.cutover.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.cutover.campaign.OperatorPayloadConverter;
import io.cutover.codec.EncryptedDataConverter;
import io.cutover.codec.KeyRing;
import io.cutover.codec.server.CodecServer;
import io.cutover.worker.config.WorkerConfig;
import io.cutover.worker.logging.CampaignMdcInterceptor;
import io.cutover.worker.metrics.CampaignMetrics;
import io.cutover.worker.metrics.MetricsInterceptor;
import io.cutover.worker.ops.OpsServer;
import io.grpc.health.v1.HealthCheckResponse;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running worker: the Temporal connection, the registered workflow and activities, the
 * interceptors that label logs and feed metrics, and the /healthz and /metrics endpoint. Both
 * {@link WorkerMain} and the one-command demo start it, so the demo runs the same code as
 * production.
 */
public final class WorkerRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerRuntime.class);

    /** How long a graceful shutdown waits for activities in flight. */
    private static final long SHUTDOWN_SECONDS = 30;

    /**
     * What the worker runs.
     *
     * @param workflowTypes workflow implementation classes
     * @param activities activity implementation instances
     * @param clientActivities activity implementations that need the worker's own Temporal client
     *     (a wave asks its members by update through it)
     */
    public record Registration(
            List<Class<?>> workflowTypes,
            List<Object> activities,
            Function<WorkflowClient, List<Object>> clientActivities) {

        public Registration(List<Class<?>> workflowTypes, List<Object> activities) {
            this(workflowTypes, activities, client -> List.of());
        }
    }

    private final WorkflowServiceStubs service;
    private final OperatorServiceStubs operator;
    private final Scope metricsScope;
    private final WorkerFactory factory;
    private final OpsServer ops;
    private final CodecServer codecEndpoint;
    private final WorkflowClient client;

    private WorkerRuntime(
            WorkflowServiceStubs service,
            OperatorServiceStubs operator,
            Scope metricsScope,
            WorkflowClient client,
            WorkerFactory factory,
            OpsServer ops,
            CodecServer codecEndpoint) {
        this.service = service;
        this.operator = operator;
        this.metricsScope = metricsScope;
        this.client = client;
        this.factory = factory;
        this.ops = ops;
        this.codecEndpoint = codecEndpoint;
    }

    /**
     * Connects to Temporal as configured, checks the namespace, and starts polling.
     *
     * @param environment the process environment, where the secrets the configuration names are
     */
    public static WorkerRuntime start(WorkerConfig config, Registration registration, Map<String, String> environment)
            throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Prometheus needs one set of tag keys per metric name, and the SDK adds update_name to its
        // request metrics only for updates: without this filter those meters are dropped with a warning.
        registry.config().meterFilter(MeterFilter.ignoreTags("update_name"));
        Scope scope = new RootScopeBuilder()
                .reporter(new MicrometerClientStatsReporter(registry))
                .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
        WorkflowServiceStubs service = TemporalConnection.connect(config.temporal(), scope);
        OperatorServiceStubs operator = TemporalConnection.operator(service);
        try {
            return start(config, registration, environment, service, operator, scope, registry);
        } catch (RuntimeException | IOException e) {
            operator.shutdown();
            service.shutdown();
            closeQuietly(scope);
            throw e;
        }
    }

    /**
     * Starts on an existing connection (tests hand in the test environment's).
     *
     * @param scope the metrics scope the service stubs report to, closed with the runtime
     */
    static WorkerRuntime start(
            WorkerConfig config,
            Registration registration,
            Map<String, String> environment,
            WorkflowServiceStubs service,
            OperatorServiceStubs operator,
            Scope scope,
            PrometheusMeterRegistry registry)
            throws IOException {
        WorkerConfig.Temporal temporal = config.temporal();
        SearchAttributeCheck.verify(operator, temporal.namespace(), temporal.address());
        // Operators' requests typed by hand are judged in plain words (OperatorPayloadConverter).
        WorkflowClientOptions.Builder clientOptions = WorkflowClientOptions.newBuilder()
                .setNamespace(temporal.namespace())
                .setDataConverter(OperatorPayloadConverter.dataConverter());
        WorkerConfig.Codec codec = config.codec();
        KeyRing keys = null;
        if (codec.enabled()) {
            // The worker's client carries the converter, so every payload the worker writes (activity
            // results, workflow results, queries' answers, failures) is encrypted before it is sent.
            keys = codec.keyRing(environment);
            clientOptions.setDataConverter(
                    EncryptedDataConverter.create(keys, OperatorPayloadConverter.dataConverter()));
            log.info("payloads are encrypted with key {} (key ring {})", keys.activeKeyId(), keys.keyIds());
        }
        WorkflowClient client = WorkflowClient.newInstance(service, clientOptions.build());
        Clock clock = Clock.systemUTC();
        CampaignMetrics metrics = new CampaignMetrics(registry, clock);
        WorkerFactory factory = WorkerFactory.newInstance(
                client,
                WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new CampaignMdcInterceptor(), new MetricsInterceptor(metrics, clock))
                        .build());
        WorkerConfig.Polling polling = config.polling();
        Worker worker = factory.newWorker(
                temporal.taskQueue(),
                WorkerOptions.newBuilder()
                        .setMaxConcurrentActivityExecutionSize(polling.maxConcurrentActivities())
                        .setMaxConcurrentActivityTaskPollers(polling.activityPollers())
                        .setMaxConcurrentWorkflowTaskPollers(polling.workflowPollers())
                        .build());
        registration.workflowTypes().forEach(worker::registerWorkflowImplementationTypes);
        worker.registerActivitiesImplementations(registration.activities().toArray());
        worker.registerActivitiesImplementations(
                registration.clientActivities().apply(client).toArray());
        CodecServer codecEndpoint = codec.endpoint() == null
                ? null
                : CodecServer.start(codec.endpoint().serverOptions(keys, environment));
        OpsServer ops;
        try {
            factory.start();
            ops = OpsServer.start(
                    config.ops().bindAddress(), config.ops().port(), registry, () -> healthProblem(factory, service));
        } catch (RuntimeException | IOException e) {
            factory.shutdownNow();
            if (codecEndpoint != null) {
                codecEndpoint.close();
            }
            throw e;
        }
        log.info(
                "worker polling task queue {} in namespace {} at {}; /healthz and /metrics on port {}",
                temporal.taskQueue(),
                temporal.namespace(),
                temporal.address(),
                ops.port());
        return new WorkerRuntime(service, operator, scope, client, factory, ops, codecEndpoint);
    }

    private static String healthProblem(WorkerFactory factory, WorkflowServiceStubs service) {
        if (!factory.isStarted() || factory.isShutdown()) {
            return "worker is not polling (shut down or not started)";
        }
        try {
            HealthCheckResponse.ServingStatus status = service.healthCheck().getStatus();
            return status == HealthCheckResponse.ServingStatus.SERVING ? null : "Temporal frontend reports " + status;
        } catch (RuntimeException e) {
            return "Temporal frontend unreachable: " + e.getMessage();
        }
    }

    public WorkflowClient client() {
        return client;
    }

    public int opsPort() {
        return ops.port();
    }

    /** Where the codec endpoint listens, when it is enabled. */
    public Optional<URI> codecEndpoint() {
        return Optional.ofNullable(codecEndpoint).map(CodecServer::uri);
    }

    public boolean isTerminated() {
        return factory.isTerminated();
    }

    /**
     * Stops polling, lets activities in flight finish (up to {@value #SHUTDOWN_SECONDS}s), then
     * closes the connection. Workflow state is in Temporal: another worker picks up where this one
     * stopped.
     */
    @Override
    public void close() {
        log.info("worker shutting down: no new tasks, waiting for those in flight");
        ops.close();
        if (codecEndpoint != null) {
            codecEndpoint.close();
        }
        factory.shutdown();
        factory.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        operator.shutdown();
        service.shutdown();
        service.awaitTermination(5, TimeUnit.SECONDS);
        closeQuietly(metricsScope);
        log.info("worker stopped");
    }

    /** A metrics scope that fails its last flush must not turn a clean shutdown into an error. */
    private static void closeQuietly(Scope scope) {
        try {
            scope.close();
        } catch (ScopeCloseException e) {
            log.warn("metrics scope did not close cleanly", e);
        }
    }
}
