package io.cutover.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.cutover.simulator.Faults;
import io.cutover.simulator.RecordedRequest;
import io.cutover.simulator.SimulatedJob;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The simulator's own endpoint, for rehearsals and tests in other processes. Not recorded, not
 * authenticated, never faulted (the simulator binds 127.0.0.1 by default):
 *
 * <ul>
 *   <li>{@code GET /_admin/faults}: the fault settings ({@link FaultSettingsJson});
 *   <li>{@code POST /_admin/faults}: change the fields given, answer the result;
 *   <li>{@code DELETE /_admin/faults}: no more faults;
 *   <li>{@code GET /_admin/requests}: every recorded request, in arrival order;
 *   <li>{@code GET /_admin/jobs}: every job, in creation order ({@code ?target_instance_id=}: that instance's only);
 *   <li>{@code POST /_admin/reset}: back to the state at start: no jobs, no databases, no recorded
 *       requests, the start-up faults, random sources reseeded.
 * </ul>
 */
public final class AdminApi implements HttpHandler {

    private final Faults faults;
    private final RequestRecorder recorder;
    private final Supplier<List<SimulatedJob>> jobs;
    private final Runnable reset;

    public AdminApi(Faults faults, RequestRecorder recorder, Supplier<List<SimulatedJob>> jobs, Runnable reset) {
        this.faults = faults;
        this.recorder = recorder;
        this.jobs = jobs;
        this.reset = reset;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            IncomingRequest request = FrontDoor.read(exchange);
            FrontDoor.send(exchange, answer(request));
        }
    }

    private Answer answer(IncomingRequest request) {
        String route = request.method() + " " + request.path().replaceAll("/+$", "");
        switch (route) {
            case "GET /_admin/faults":
                return Answer.json(200, FaultSettingsJson.toJson(faults.settings()));
            case "POST /_admin/faults":
                try {
                    faults.update(settings -> FaultSettingsJson.apply(settings, parse(request.body())));
                    return Answer.json(200, FaultSettingsJson.toJson(faults.settings()));
                } catch (IllegalArgumentException e) {
                    return Answer.error(400, "SIM.INVALID_FAULTS", e.getMessage());
                }
            case "DELETE /_admin/faults":
                faults.clear();
                return Answer.json(200, FaultSettingsJson.toJson(faults.settings()));
            case "GET /_admin/requests":
                return Answer.json(200, requestsJson(recorder.snapshot()));
            case "GET /_admin/jobs":
                // One target instance's jobs when asked, so that a test watching one campaign among
                // many reads a short answer.
                String target = request.query("target_instance_id");
                return Answer.json(
                        200,
                        jobsJson(jobs.get().stream()
                                .filter(job -> target == null || target.equals(job.targetInstanceId()))
                                .toList()));
            case "POST /_admin/reset":
                reset.run();
                return Answer.json(200, Answer.JSON.createObjectNode().put("reset", true));
            default:
                return Answer.error(404, "SIM.NOT_FOUND", "no admin route " + route);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Answer.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body: not JSON: " + e.getOriginalMessage());
        }
    }

    private static ArrayNode requestsJson(List<RecordedRequest> requests) {
        ArrayNode array = Answer.JSON.createArrayNode();
        for (RecordedRequest request : requests) {
            ObjectNode item = array.addObject();
            item.put("method", request.method());
            item.put("path", request.path());
            item.put("query", request.query());
            item.set("headers", Answer.JSON.valueToTree(request.headers()));
            item.put("body", request.body());
            item.put("created_job_id", request.createdJobId());
            item.put("status", request.status());
        }
        return array;
    }

    private static ArrayNode jobsJson(List<SimulatedJob> jobs) {
        ArrayNode array = Answer.JSON.createArrayNode();
        for (SimulatedJob job : jobs) {
            ObjectNode item = array.addObject();
            item.put("id", job.id());
            item.put("project_id", job.projectId());
            item.put("name", job.name());
            item.put("description", job.description());
            item.put("status", job.status());
            item.put("error_log", job.errorLog());
            item.put("target_instance_id", job.targetInstanceId());
            item.put("file_source", job.fileSource());
            item.put("bucket_name", job.bucketName());
            item.set("file_names", Answer.JSON.valueToTree(job.fileNames()));
            item.put("recovery_mode", job.recoveryMode());
            item.put("is_last_backup", job.lastBackup());
            item.put("is_precheck", job.precheck());
            item.set("databases", Answer.JSON.valueToTree(job.databases()));
            item.put("create_time", instant(job.createTime()));
            item.put("finish_time", instant(job.finishTime()));
        }
        return array;
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
