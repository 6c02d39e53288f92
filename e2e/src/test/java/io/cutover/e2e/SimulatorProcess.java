package io.cutover.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DRS simulator jar as its own JVM, reading backup files from the same folder the worker's
 * store writes to, and its admin endpoint: the record of what the worker really sent.
 */
public final class SimulatorProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ChildProcess process;
    private final int port;

    private SimulatorProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the simulator on a free port.
     *
     * @param bucketRoot folder holding one folder per bucket
     * @param restoreTime how long a job stays TRANSFERRING
     */
    public static SimulatorProcess start(Path bucketRoot, Duration restoreTime, Path logDir) {
        return start(bucketRoot, restoreTime, Duration.ZERO, logDir);
    }

    /**
     * Starts the simulator on a free port, leaving each new job out of list answers for {@code
     * listLag} after its create (the simulator's {@code --list-lag}).
     */
    public static SimulatorProcess start(Path bucketRoot, Duration restoreTime, Duration listLag, Path logDir) {
        int port = Waits.freePort();
        ChildProcess process = ChildProcess.start(
                "drs simulator",
                List.of(
                        Tools.installed().java().toString(),
                        "-Xmx256m",
                        "-jar",
                        Tools.installed().simulatorJar().toString(),
                        "--port",
                        Integer.toString(port),
                        "--bucket-root",
                        bucketRoot.toString(),
                        "--restore-time",
                        restoreTime.toMillis() + "ms",
                        "--list-lag",
                        listLag.toMillis() + "ms"),
                Map.of(),
                logDir.resolve("simulator.log"));
        process.awaitPort(port, Duration.ofSeconds(60));
        return new SimulatorProcess(process, port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Every job-creating request (POST .../backup-migration-jobs), in arrival order. */
    public List<CreateCall> createCalls() {
        List<CreateCall> calls = new ArrayList<>();
        for (JsonNode request : admin("/_admin/requests")) {
            if (request.path("method").asText().equals("POST")
                    && request.path("path").asText().endsWith("/backup-migration-jobs")) {
                calls.add(CreateCall.of(request, parse(request.path("body").asText())));
            }
        }
        return calls;
    }

    /**
     * Changes the simulator's faults ({@code POST /_admin/faults}): the fields given, as the
     * simulator's README lists them; {@code null} clears every fault.
     */
    public void faults(String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint() + "/_admin/faults"))
                .timeout(Duration.ofSeconds(10));
        HttpRequest request = json == null
                ? builder.DELETE().build()
                : builder.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "/_admin/faults answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** DRS and IAM requests received since the start (or the last reset of its record). */
    public int requestCount() {
        return admin("/_admin/requests").size();
    }

    /** Every job the simulator holds, in creation order. */
    public JsonNode jobs() {
        return admin("/_admin/jobs");
    }

    /** The jobs of one target instance, in creation order. */
    public JsonNode jobsOf(String targetInstanceId) {
        return admin("/_admin/jobs?target_instance_id=" + URLEncoder.encode(targetInstanceId, StandardCharsets.UTF_8));
    }

    /** Jobs of one target instance that finished with SUCCESS. */
    public long succeededJobs(String targetInstanceId) {
        long count = 0;
        for (JsonNode job : jobsOf(targetInstanceId)) {
            if (job.path("status").asText().equals("SUCCESS")) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void close() {
        process.close();
    }

    private JsonNode admin(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /**
     * One create as the simulator received it.
     *
     * @param objectKeys bucket keys of the files (obs_path + name)
     * @param status the simulator's answer (200 when the job was created)
     */
    public record CreateCall(
            String jobName,
            String targetInstanceId,
            String bucket,
            List<String> objectKeys,
            String recoveryMode,
            boolean lastBackup,
            int status,
            String jobId) {

        public static CreateCall of(JsonNode request, JsonNode body) {
            List<String> keys = new ArrayList<>();
            for (JsonNode file : body.path("backup_info").path("files")) {
                keys.add(file.path("obs_path").asText("") + file.path("name").asText());
            }
            return new CreateCall(
                    body.path("base_info").path("name").asText(),
                    body.path("target_db_info").path("target_instance_id").asText(),
                    body.path("backup_info").path("bucket_name").asText(),
                    List.copyOf(keys),
                    body.path("options").path("recovery_mode").asText(),
                    body.path("options").path("is_last_backup").asBoolean(),
                    request.path("status").asInt(),
                    request.path("created_job_id").asText(null));
        }
    }
}
