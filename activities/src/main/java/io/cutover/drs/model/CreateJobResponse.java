package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seed's Table 10: the answer to a create.
 *
 * @param jobId the new job's id
 */
public record CreateJobResponse(@JsonProperty("job_id") String jobId) {}
