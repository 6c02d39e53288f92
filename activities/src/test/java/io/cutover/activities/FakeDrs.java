package io.cutover.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.drs.Answers;
import io.cutover.drs.model.DrsJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A minimal in-memory DRS behind MockWebServer: create, a fuzzy name filter with paging, and
 * show. It can lose the answer to creates after having created the job.
 */
final class FakeDrs extends Dispatcher {

    /** A job as DRS keeps it: its create body is what show echoes (target, file, tags). */
    record Job(String id, String name, String status, JsonNode body, long createdMillis) {

        /** A job known by its list entry only: show says nothing of its target, file or tags. */
        Job(String id, String name, String status) {
            this(id, name, status, null, 1706510914000L);
        }
    }

    final List<Job> jobs = new CopyOnWriteArrayList<>();
    final List<JsonNode> createBodies = new CopyOnWriteArrayList<>();
    final AtomicInteger listCalls = new AtomicInteger();
    final AtomicInteger answersToLose = new AtomicInteger();
    volatile MockResponse nextCreateAnswer;
    /** The status a job has when its create answers: DRS may have finished a small restore already. */
    volatile String createdStatus = "TRANSFERRING";
    /** A new job stays out of list answers this long after its create, as a lagging DRS list would. */
    volatile long listLagMillis;

    private final java.util.Map<String, Long> listedFromNanos = new java.util.concurrent.ConcurrentHashMap<>();
    /** This many shows answer "does not exist", as a job not yet visible right after its create. */
    final AtomicInteger showsToHide = new AtomicInteger();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        try {
            if (request.getMethod().equals("POST")) {
                return create(request);
            }
            if (request.getMethod().equals("GET") && path.endsWith("/backup-migration-jobs")) {
                return list(request);
            }
            if (request.getMethod().equals("GET")) {
                return show(path.substring(path.lastIndexOf('/') + 1));
            }
            return Answers.error(400, "DRS.10000001", "Failed.");
        } catch (Exception e) {
            return Answers.error(500, "DRS.M00002", e.toString());
        }
    }

    private MockResponse create(RecordedRequest request) throws Exception {
        MockResponse canned = nextCreateAnswer;
        if (canned != null) {
            nextCreateAnswer = null;
            return canned;
        }
        JsonNode body = DrsJson.mapper().readTree(request.getBody().utf8());
        createBodies.add(body);
        Job job = add(body);
        listedFromNanos.put(job.id(), System.nanoTime() + listLagMillis * 1_000_000);
        if (answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // The job exists now, but the client never hears about it.
            return new MockResponse.Builder()
                    .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                    .build();
        }
        return Answers.json(200, "{\"job_id\":\"" + job.id() + "\"}");
    }

    private MockResponse list(RecordedRequest request) {
        listCalls.incrementAndGet();
        String filter = request.getUrl().queryParameter("name");
        int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
        int offset = Integer.parseInt(request.getUrl().queryParameter("offset"));
        List<Job> matching = new ArrayList<>();
        for (Job job : jobs) {
            if (System.nanoTime() - listedFromNanos.getOrDefault(job.id(), Long.MIN_VALUE / 2) < 0) {
                continue;
            }
            if (filter == null || job.name().toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT))) {
                matching.add(job);
            }
        }
        ObjectNode answer = DrsJson.mapper().createObjectNode();
        answer.put("count", matching.size());
        ArrayNode page = answer.putArray("jobs");
        for (Job job : matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()))) {
            page.addObject()
                    .put("id", job.id())
                    .put("name", job.name())
                    .put("status", job.status())
                    .put("create_time", Long.toString(job.createdMillis()));
        }
        return Answers.json(200, answer.toString());
    }

    private MockResponse show(String id) {
        if (showsToHide.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Answers.error(404, "DRS.10000010", "The job does not exist.");
        }
        for (Job job : jobs) {
            if (job.id().equals(id)) {
                ObjectNode answer = DrsJson.mapper().createObjectNode();
                answer.put("id", id).put("status", job.status()).put("create_time", Long.toString(job.createdMillis()));
                answer.put("finish_time", "1706511914000")
                        .put("error_log", job.status().contains("FAILED") ? "chain broken" : null);
                if (job.body() != null) {
                    answer.set("base_info", job.body().get("base_info"));
                    answer.set("target_db_info", job.body().get("target_db_info"));
                    ObjectNode backup = answer.putObject("backup_info");
                    backup.put(
                            "file_source",
                            job.body().at("/backup_info/file_source").asText());
                    backup.put(
                            "bucket_name",
                            job.body().at("/backup_info/bucket_name").asText());
                    ArrayNode files = backup.putArray("file_info");
                    job.body()
                            .at("/backup_info/files")
                            .forEach(file -> files.addObject()
                                    .put("file_name", file.get("name").asText()));
                }
                return Answers.json(200, answer.toString());
            }
        }
        return Answers.error(404, "DRS.10000010", "The job does not exist.");
    }

    /**
     * A job DRS already has, made by a create with this body (by another campaign run, or by this
     * one before its answer was lost): it is listed and shown like any other.
     */
    Job add(JsonNode body) {
        Job job = new Job(
                "job-" + (jobs.size() + 1),
                body.at("/base_info/name").asText(),
                createdStatus,
                body,
                1706510914000L + jobs.size() * 1000L);
        jobs.add(job);
        return job;
    }

    void setStatus(String id, String status) {
        jobs.replaceAll(
                job -> job.id().equals(id) ? new Job(id, job.name(), status, job.body(), job.createdMillis()) : job);
    }
}
