package io.cutover.demo;

import io.cutover.campaign.CampaignSearchAttributes;
import io.cutover.simulator.DrsSimulator;
import io.cutover.simulator.SimulatorOptions;
import io.cutover.worker.CampaignRegistration;
import io.cutover.worker.WorkerRuntime;
import io.cutover.worker.config.ConfigLoader;
import io.cutover.worker.config.WorkerConfig;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a demo runs on, on this machine: an embedded Temporal service, the DRS simulator restoring
 * from a local bucket, and the worker (started by the same code as cutover-worker.jar), in a
 * temporary folder removed at the end. The single campaign's demo and the wave's share it.
 */
final class DemoStack implements AutoCloseable {

    static final String NAMESPACE = "default";
    static final String BUCKET = "demo-bucket";

    final Path bucketRoot;
    final DrsSimulator drs;
    final WorkerRuntime worker;
    final String taskQueue;
    private final Path root;
    private final EmbeddedTemporal temporal;

    private DemoStack(
            Path root,
            Path bucketRoot,
            EmbeddedTemporal temporal,
            DrsSimulator drs,
            WorkerRuntime worker,
            String taskQueue) {
        this.root = root;
        this.bucketRoot = bucketRoot;
        this.temporal = temporal;
        this.drs = drs;
        this.worker = worker;
        this.taskQueue = taskQueue;
    }

    /** Starts the three, and says where each is. */
    static DemoStack start(Demo.Settings settings, PrintWriter out) throws IOException {
        Path root = Files.createTempDirectory("cutover-demo");
        Path bucketRoot = Files.createDirectories(root.resolve("buckets"));
        Files.createDirectories(bucketRoot.resolve(BUCKET));
        EmbeddedTemporal temporal = null;
        DrsSimulator drs = null;
        try {
            temporal = EmbeddedTemporal.start(settings.temporalPort());
            drs = DrsSimulator.start(SimulatorOptions.builder()
                    .port(0)
                    .bucketRoot(bucketRoot)
                    .restoreTime(settings.restoreTime())
                    .build());
            temporal.addSearchAttributes(NAMESPACE, CampaignSearchAttributes.DEFINITIONS);
            out.println("Temporal      " + temporal.address() + " (namespace " + NAMESPACE
                    + "; any Temporal client can connect while the demo runs)");
            out.println("DRS simulator " + drs.baseUri());
            out.println("bucket        " + bucketRoot.resolve(BUCKET));
            out.flush();
            Map<String, String> environment = workerEnvironment(root, temporal, drs, bucketRoot);
            WorkerConfig config = ConfigLoader.load(null, environment);
            WorkerRuntime worker =
                    WorkerRuntime.start(config, CampaignRegistration.create(config, environment), environment);
            return new DemoStack(
                    root, bucketRoot, temporal, drs, worker, config.temporal().taskQueue());
        } catch (IOException | RuntimeException e) {
            if (drs != null) {
                drs.close();
            }
            if (temporal != null) {
                temporal.close();
            }
            deleteTree(root);
            throw e;
        }
    }

    WorkflowClient client() {
        return worker.client();
    }

    @Override
    public void close() throws IOException {
        try {
            worker.close();
        } finally {
            drs.close();
            temporal.close();
            deleteTree(root);
        }
    }

    private static Map<String, String> workerEnvironment(
            Path root, EmbeddedTemporal temporal, DrsSimulator drs, Path bucketRoot) throws IOException {
        // The simulator accepts any token; a file keeps even this one out of the environment.
        Path token = Files.writeString(root.resolve("drs-token"), "demo-token");
        return Map.ofEntries(
                Map.entry("CUTOVER_TEMPORAL_ADDRESS", temporal.address()),
                Map.entry("CUTOVER_TEMPORAL_NAMESPACE", NAMESPACE),
                Map.entry("CUTOVER_DRS_ENDPOINT", drs.baseUri().toString()),
                Map.entry("CUTOVER_DRS_PROJECT_ID", "demo-project"),
                Map.entry("CUTOVER_DRS_REGION", "demo-region-1"),
                Map.entry("CUTOVER_DRS_AUTH_METHOD", "TOKEN"),
                Map.entry("CUTOVER_DRS_AUTH_TOKEN_FILE", token.toString()),
                Map.entry("CUTOVER_STORE_TYPE", "LOCAL"),
                Map.entry("CUTOVER_STORE_LOCAL_ROOT", bucketRoot.toString()),
                Map.entry("CUTOVER_OPS_PORT", "0"),
                Map.entry("CUTOVER_OPS_BIND_ADDRESS", "127.0.0.1"));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
