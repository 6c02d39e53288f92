package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code PUT /v5/{project_id}/backup-migration-jobs/{job_id}}: only the name and the
 * description of a job can change.
 *
 * @param name the new name (same rule as base_info.name), or null to keep it
 * @param description the new description, or null to keep it
 */
public record UpdateJobRequest(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description) {}
