package io.cutover.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.simulator.job.Job;
import io.cutover.simulator.job.JobPage;
import io.cutover.simulator.job.JobQuery;
import io.cutover.simulator.job.JobStore;
import io.cutover.simulator.job.TooManyRunningJobsException;
import io.cutover.simulator.restore.FileInfo;
import io.cutover.simulator.restore.JobStatus;
import io.cutover.simulator.validation.CreateJobRequest;
import io.cutover.simulator.validation.DrsJobRules;
import io.cutover.simulator.validation.InvalidRequestException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The five backup migration calls. Answer shapes follow the reference
 * (shared/reference/drs-backup-migration-api.md).
 *
 * <p>Times (create_time, finish_time, file_last_modify) are epoch milliseconds as strings, the form
 * DRS's other v5 APIs use; finish_time is "" while a job is TRANSFERRING. A job that does not exist
 * (or was deleted) gets 400 with DRS.10000010, as the Terraform provider expects of the real
 * service. Invalid requests get 400 with DRS.10000001, the seed's code, and an error_msg naming the
 * field and the rule.
 */
final class DrsApi {

    static final String INVALID = "DRS.10000001";
    static final String NOT_FOUND = "DRS.10000010";
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_INSTANCE_IDS = 10;
    private static final Set<String> SORT_KEYS =
            Set.of("name", "db_type", "inst_id", "ip", "created_at", "description", "tag_value");

    private final JobStore jobs;
    private final boolean numericRecoveryMode;

    DrsApi(JobStore jobs, boolean numericRecoveryMode) {
        this.jobs = jobs;
        this.numericRecoveryMode = numericRecoveryMode;
    }

    Answer create(String projectId, IncomingRequest request) {
        Optional<JsonNode> body = parse(request.body());
        if (body.isEmpty()) {
            return Answer.error(400, INVALID, "request body: must be a JSON object");
        }
        CreateJobRequest valid;
        try {
            valid = DrsJobRules.create(body.get());
        } catch (InvalidRequestException e) {
            return Answer.error(400, INVALID, e.getMessage());
        }
        Job job;
        try {
            job = jobs.create(projectId, valid);
        } catch (TooManyRunningJobsException e) {
            return Answer.error(400, INVALID, e.getMessage());
        }
        ObjectNode answer = Answer.JSON.createObjectNode();
        answer.put("job_id", job.id());
        return Answer.json(200, answer).withCreatedJob(job.id());
    }

    Answer list(String projectId, IncomingRequest request) {
        JobQuery query;
        try {
            query = query(request);
        } catch (InvalidRequestException e) {
            return Answer.error(400, INVALID, e.getMessage());
        }
        JobPage page = jobs.list(projectId, query);
        ObjectNode answer = Answer.JSON.createObjectNode();
        answer.put("count", page.count());
        ArrayNode list = answer.putArray("jobs");
        for (Job job : page.jobs()) {
            ObjectNode item = list.addObject();
            item.put("id", job.id());
            item.put("name", job.name());
            item.put("status", job.status().wireName());
            item.put("engine_type", "sqlserver");
            item.put("error_log", job.errorLog());
            item.put("description", job.description() == null ? "" : job.description());
            item.put("create_time", millis(job.createTime()));
            item.put("finish_time", millis(job.finishTime()));
            item.put(
                    "enterprise_project_id",
                    job.request().enterpriseProjectId() == null
                            ? "0"
                            : job.request().enterpriseProjectId());
        }
        return Answer.json(200, answer);
    }

    Answer show(String projectId, String jobId) {
        Optional<Job> found = jobs.find(projectId, jobId);
        if (found.isEmpty()) {
            return notFound(jobId);
        }
        Job job = found.get();
        JsonNode sent = job.request().body();
        ObjectNode answer = Answer.JSON.createObjectNode();
        answer.put("id", job.id());
        answer.put("status", job.status().wireName());
        answer.put("create_time", millis(job.createTime()));
        answer.put("finish_time", millis(job.finishTime()));

        ObjectNode backupInfo = answer.putObject("backup_info");
        backupInfo.put("file_source", job.request().fileSource().name());
        backupInfo.put(
                "bucket_name",
                job.request().bucketName() == null ? "" : job.request().bucketName());
        ArrayNode fileInfo = backupInfo.putArray("file_info");
        for (FileInfo file : job.files()) {
            ObjectNode item = fileInfo.addObject();
            item.put("file_name", file.fileName());
            item.put("file_size", String.valueOf(file.fileSize()));
            item.put("file_last_modify", millis(file.lastModified()));
        }

        ObjectNode baseInfo = ((ObjectNode) sent.get("base_info")).deepCopy();
        baseInfo.put("name", job.name());
        if (job.description() == null) {
            baseInfo.remove("description");
        } else {
            baseInfo.put("description", job.description());
        }
        answer.set("base_info", baseInfo);
        answer.set("target_db_info", sent.get("target_db_info").deepCopy());
        ObjectNode options = ((ObjectNode) sent.get("options")).deepCopy();
        if (numericRecoveryMode) {
            options.put("recovery_mode", job.request().recoveryMode().numericCode());
        }
        answer.set("options", options);
        answer.put("new_db_names", String.join(",", job.newDatabaseNames()));
        answer.put("instance_name", "rds-" + job.request().targetInstanceId());
        answer.put("error_log", job.errorLog());
        return Answer.json(200, answer);
    }

    Answer update(String projectId, String jobId, IncomingRequest request) {
        Optional<Job> found = jobs.find(projectId, jobId);
        if (found.isEmpty()) {
            return notFound(jobId);
        }
        Optional<JsonNode> body = parse(request.body());
        if (body.isEmpty()) {
            return Answer.error(400, INVALID, "request body: must be a JSON object");
        }
        Map<String, String> changes;
        try {
            changes = DrsJobRules.update(body.get());
        } catch (InvalidRequestException e) {
            return Answer.error(400, INVALID, e.getMessage());
        }
        if (changes.containsKey("name")) {
            jobs.rename(found.get(), changes.get("name"));
        }
        if (changes.containsKey("description")) {
            jobs.describe(found.get(), changes.get("description"));
        }
        return Answer.json(200, Answer.JSON.createObjectNode());
    }

    Answer delete(String projectId, String jobId) {
        Optional<Job> found = jobs.find(projectId, jobId);
        if (found.isEmpty()) {
            return notFound(jobId);
        }
        if (!JobStore.deletable(found.get())) {
            return Answer.error(
                    400, INVALID, "job " + jobId + " is still TRANSFERRING: only finished jobs can be deleted");
        }
        jobs.delete(found.get());
        return Answer.json(200, Answer.JSON.createObjectNode());
    }

    private static Answer notFound(String jobId) {
        return Answer.error(400, NOT_FOUND, "job " + jobId + " does not exist");
    }

    private static JobQuery query(IncomingRequest request) {
        String status = request.query("status");
        JobStatus statusFilter = null;
        if (status != null && !status.isEmpty()) {
            statusFilter = JobStatus.fromWireName(status)
                    .orElseThrow(() -> new InvalidRequestException(
                            "status",
                            "must be TRANSFERRING, SUCCESS, FAILED or PRECHECK FAILED; got \"" + status + "\""));
        }
        Set<String> instanceIds = new LinkedHashSet<>();
        for (String value : request.queryValues("dbs_instance_ids")) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    instanceIds.add(id.trim());
                }
            }
        }
        if (instanceIds.size() > MAX_INSTANCE_IDS) {
            throw new InvalidRequestException(
                    "dbs_instance_ids", "may name at most " + MAX_INSTANCE_IDS + " instances");
        }
        String sortKey = request.query("sort_key");
        if (sortKey == null || sortKey.isEmpty()) {
            sortKey = "created_at";
        } else if (!SORT_KEYS.contains(sortKey)) {
            throw new InvalidRequestException("sort_key", "must be one of " + SORT_KEYS + "; got \"" + sortKey + "\"");
        }
        String sortDir = request.query("sort_dir");
        boolean ascending = false;
        if (sortDir != null && !sortDir.isEmpty()) {
            if (!sortDir.equalsIgnoreCase("asc") && !sortDir.equalsIgnoreCase("desc")) {
                throw new InvalidRequestException("sort_dir", "must be asc or desc; got \"" + sortDir + "\"");
            }
            ascending = sortDir.equalsIgnoreCase("asc");
        }
        return new JobQuery(
                request.query("name"),
                statusFilter,
                instanceIds,
                request.query("description"),
                emptyToNull(request.query("enterprise_project_id")),
                sortKey,
                ascending,
                intParameter(request, "limit", 10, 1, MAX_LIMIT),
                intParameter(request, "offset", 0, 0, Integer.MAX_VALUE));
    }

    private static int intParameter(IncomingRequest request, String name, int absent, int min, int max) {
        String value = request.query(name);
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException(
                name, "must be an integer from " + min + " to " + max + "; got \"" + value + "\"");
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Optional<JsonNode> parse(String body) {
        try {
            JsonNode tree = Answer.JSON.readTree(body);
            return tree != null && tree.isObject() ? Optional.of(tree) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String millis(Instant instant) {
        return instant == null ? "" : String.valueOf(instant.toEpochMilli());
    }
}
