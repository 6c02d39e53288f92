package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One job in the list answer.
 *
 * @param id job id
 * @param name job name
 * @param status status text as DRS gave it; see {@link #jobStatus()}
 * @param engineType sqlserver
 * @param errorLog the error log of a failed job, or null
 * @param description description, or null
 * @param createTime creation time as DRS gave it
 * @param finishTime finish time as DRS gave it, or null
 * @param enterpriseProjectId enterprise project id, or null
 */
public record JobSummary(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("status") String status,
        @JsonProperty("engine_type") String engineType,
        @JsonProperty("error_log") String errorLog,
        @JsonProperty("description") String description,
        @JsonProperty("create_time") String createTime,
        @JsonProperty("finish_time") String finishTime,
        @JsonProperty("enterprise_project_id") String enterpriseProjectId) {

    public JobStatus jobStatus() {
        return JobStatus.parse(status);
    }
}
