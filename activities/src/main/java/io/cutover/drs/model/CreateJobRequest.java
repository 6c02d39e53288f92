package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /v5/{project_id}/backup-migration-jobs} (the seed's Table 3).
 *
 * @param baseInfo base_info: name, engine, description, tags
 * @param targetDbInfo target_db_info: the RDS for SQL Server instance restored into
 * @param backupInfo backup_info: where the backup file comes from
 * @param options options: how it is restored
 */
public record CreateJobRequest(
        @JsonProperty("base_info") BaseInfo baseInfo,
        @JsonProperty("target_db_info") TargetDbInfo targetDbInfo,
        @JsonProperty("backup_info") BackupInfo backupInfo,
        @JsonProperty("options") RestoreOptions options) {}
