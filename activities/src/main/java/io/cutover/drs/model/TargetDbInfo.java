package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seed's Table 6 (BackupJobEndpointInfo).
 *
 * @param targetInstanceId the RDS for SQL Server instance restored into
 * @param msFileStreamStatus whether FileStream is enabled on it ("on"/"off"), or null
 * @param fileId the RDS backup's id (file_source RDS), or null
 */
public record TargetDbInfo(
        @JsonProperty("target_instance_id") String targetInstanceId,
        @JsonProperty("ms_file_stream_status") String msFileStreamStatus,
        @JsonProperty("file_id") String fileId) {}
