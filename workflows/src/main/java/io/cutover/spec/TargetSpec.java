package io.cutover.spec;

/**
 * The RDS for SQL Server instance a campaign restores into.
 *
 * @param instanceId target_instance_id
 * @param fileStream ms_file_stream_status ("on" or "off"), or null to leave it out
 */
public record TargetSpec(String instanceId, String fileStream) {}
