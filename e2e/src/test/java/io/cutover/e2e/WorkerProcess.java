package io.cutover.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker jar as its own JVM, configured the way an operator would: a YAML file, the DRS token
 * and the OBS keys in environment variables the file names. Each start is a new incarnation with its own log,
 * so that a crash and the restart after it can be read apart.
 */
public final class WorkerProcess implements AutoCloseable {

    public static final String TASK_QUEUE = "cutover-e2e";
    /** The DRS token the worker is given; it must never leave the worker's memory. */
    public static final String DRS_TOKEN = "e2e-drs-token";

    private static final String TOKEN_VARIABLE = "E2E_DRS_TOKEN";
    private static final String OBS_ACCESS_KEY_VARIABLE = "E2E_OBS_ACCESS_KEY";
    private static final String OBS_SECRET_KEY_VARIABLE = "E2E_OBS_SECRET_KEY";
    /** System property: task pollers per task type for the worker (0: the worker's default). */
    public static final String POLLERS_PROPERTY = "e2e.workerPollers";
    /** System property: activities the worker runs at once (0: the worker's default). */
    public static final String ACTIVITIES_PROPERTY = "e2e.workerActivities";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** The DRS client's call timeout (drs.timeoutSeconds) unless a test asks for another. */
    public static final Duration DEFAULT_DRS_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The suite's simulator lists a job as soon as its create answered (unless started with a list
     * lag), so a create in doubt needs far less than production's 60 s to be seen; the fault
     * suite's 5xx on creates would otherwise wait a minute each.
     */
    public static final Duration DEFAULT_CREATE_VISIBILITY = Duration.ofSeconds(5);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String temporalAddress;
    private final String drsEndpoint;
    private final String s3Endpoint;
    private final Path dir;
    private final Duration drsTimeout;
    private final Duration createVisibility;
    private ChildProcess process;
    private int incarnation;
    private int opsPort;

    private WorkerProcess(
            String temporalAddress,
            String drsEndpoint,
            String s3Endpoint,
            Path dir,
            Duration drsTimeout,
            Duration createVisibility) {
        this.temporalAddress = temporalAddress;
        this.drsEndpoint = drsEndpoint;
        this.s3Endpoint = s3Endpoint;
        this.dir = dir;
        this.drsTimeout = drsTimeout;
        this.createVisibility = createVisibility;
    }

    /** Starts a worker polling {@link #TASK_QUEUE}; returns once its /healthz answers 200. */
    public static WorkerProcess start(String temporalAddress, String drsEndpoint, String s3Endpoint, Path dir) {
        return start(temporalAddress, drsEndpoint, s3Endpoint, dir, DEFAULT_DRS_TIMEOUT);
    }

    /** A worker whose DRS client gives up on a call after {@code drsTimeout} (whole seconds). */
    public static WorkerProcess start(
            String temporalAddress, String drsEndpoint, String s3Endpoint, Path dir, Duration drsTimeout) {
        return start(temporalAddress, drsEndpoint, s3Endpoint, dir, drsTimeout, DEFAULT_CREATE_VISIBILITY);
    }

    /**
     * A worker whose DRS client gives up on a call after {@code drsTimeout}, and which waits
     * {@code createVisibility} (whole seconds) for a create in doubt to show in DRS's job list.
     */
    public static WorkerProcess start(
            String temporalAddress,
            String drsEndpoint,
            String s3Endpoint,
            Path dir,
            Duration drsTimeout,
            Duration createVisibility) {
        WorkerProcess worker =
                new WorkerProcess(temporalAddress, drsEndpoint, s3Endpoint, dir, drsTimeout, createVisibility);
        worker.startAgain();
        return worker;
    }

    /** SIGKILL: the JVM dies with whatever activities it had in flight. */
    public void kill() {
        process.kill();
    }

    /** Starts a new incarnation with a fresh configuration file (a new free ops port). */
    public void startAgain() {
        if (process != null) {
            process.close();
        }
        incarnation++;
        opsPort = Waits.freePort();
        Path config = dir.resolve("worker-" + incarnation + ".yaml");
        write(config, config(opsPort));
        process = ChildProcess.start(
                "worker #" + incarnation,
                List.of(
                        Tools.installed().java().toString(),
                        "-Xmx384m",
                        "-jar",
                        Tools.installed().workerJar().toString(),
                        config.toString()),
                environment(),
                dir.resolve("worker-" + incarnation + ".log"));
        process.awaitReady("/healthz answering 200", START_TIMEOUT, () -> healthy(opsPort));
    }

    /**
     * The secrets, the pollers per task type when the system property {@value #POLLERS_PROPERTY}
     * asks for them (the benchmark's scale runs; otherwise the worker's defaults: 2 for activities, 16 for workflow tasks) and the
     * activities run at once when {@value #ACTIVITIES_PROPERTY} does, set the way an operator
     * would: through the worker's environment overrides.
     */
    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(Map.of(
                TOKEN_VARIABLE, DRS_TOKEN,
                OBS_ACCESS_KEY_VARIABLE, S3Server.ACCESS_KEY,
                OBS_SECRET_KEY_VARIABLE, S3Server.SECRET_KEY));
        int pollers = Integer.getInteger(POLLERS_PROPERTY, 0);
        if (pollers > 0) {
            environment.put("CUTOVER_POLLING_WORKFLOW_POLLERS", Integer.toString(pollers));
            environment.put("CUTOVER_POLLING_ACTIVITY_POLLERS", Integer.toString(pollers));
        }
        int activities = Integer.getInteger(ACTIVITIES_PROPERTY, 0);
        if (activities > 0) {
            environment.put("CUTOVER_POLLING_MAX_CONCURRENT_ACTIVITIES", Integer.toString(activities));
        }
        return environment;
    }

    /** The process id of the running incarnation, to read its CPU time from /proc. */
    public long pid() {
        return process.pid();
    }

    /** The running incarnation's /metrics page (Prometheus text). */
    public String metrics() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    private String config(int opsPort) {
        return """
        # Written by the e2e suite: everything on 127.0.0.1, the bucket on an S3-protocol server.
        temporal:
          address: %s
          namespace: %s
          taskQueue: %s
        drs:
          endpoint: %s
          projectId: 0a1b2c3d4e5f60718293a4b5c6d7e8f9
          region: e2e-region-1
          timeoutSeconds: %d
          createVisibilitySeconds: %d
          auth:
            method: TOKEN
            tokenEnv: %s
        store:
          type: OBS
          obs:
            endpoint: %s
            region: local
            signature: V2
            pathStyle: true
            accessKeyEnv: %s
            secretKeyEnv: %s
        ops:
          port: %d
          bindAddress: 127.0.0.1
        """.formatted(
                        temporalAddress,
                        TemporalDevServer.NAMESPACE,
                        TASK_QUEUE,
                        drsEndpoint,
                        drsTimeout.toSeconds(),
                        createVisibility.toSeconds(),
                        TOKEN_VARIABLE,
                        s3Endpoint,
                        OBS_ACCESS_KEY_VARIABLE,
                        OBS_SECRET_KEY_VARIABLE,
                        opsPort);
    }

    private static boolean healthy(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
