package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The show answer.
 *
 * @param id job id
 * @param status status text as DRS gave it; see {@link #jobStatus()}
 * @param createTime creation time as DRS gave it
 * @param finishTime finish time as DRS gave it, or null
 * @param backupInfo the backup file as DRS saw it
 * @param baseInfo the job's base info
 * @param targetDbInfo the target instance
 * @param options the restore options (recovery_mode may come back as "1"/"2")
 * @param newDbNames the restored databases' new names, as text (a string in Huawei's SDK)
 * @param instanceName the target instance's name
 * @param errorLog the error log of a failed job, or null
 */
public record JobDetail(
        @JsonProperty("id") String id,
        @JsonProperty("status") String status,
        @JsonProperty("create_time") String createTime,
        @JsonProperty("finish_time") String finishTime,
        @JsonProperty("backup_info") BackupFileReport backupInfo,
        @JsonProperty("base_info") BaseInfo baseInfo,
        @JsonProperty("target_db_info") TargetDbInfo targetDbInfo,
        @JsonProperty("options") RestoreOptions options,
        @JsonProperty("new_db_names") String newDbNames,
        @JsonProperty("instance_name") String instanceName,
        @JsonProperty("error_log") String errorLog) {

    public JobStatus jobStatus() {
        return JobStatus.parse(status);
    }
}
