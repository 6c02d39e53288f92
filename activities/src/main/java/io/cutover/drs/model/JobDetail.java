package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The show answer.
 *
 * @param id job id
 * @param name job name, where DRS gives it at the top level
 * @param status status text as DRS gave it; see {@link #jobStatus()}
 * @param createTime creation time as DRS gave it
 * @param finishTime finish time as DRS gave it, or null
 * @param backupInfo the backup file as DRS saw it
 * @param baseInfo the job's base info
 * @param targetDbInfo the target instance
 * @param options the restore options (recovery_mode may come back as "1"/"2")
 * @param newDbNames names of the restored databases
 * @param instanceName the target instance's name
 * @param errorLog the error log of a failed job, or null
 */
public record JobDetail(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("status") String status,
    @JsonProperty("create_time") String createTime,
    @JsonProperty("finish_time") String finishTime,
    @JsonProperty("backup_info") BackupFileReport backupInfo,
    @JsonProperty("base_info") BaseInfo baseInfo,
    @JsonProperty("target_db_info") TargetDbInfo targetDbInfo,
    @JsonProperty("options") RestoreOptions options,
    @JsonProperty("new_db_names") List<String> newDbNames,
    @JsonProperty("instance_name") String instanceName,
    @JsonProperty("error_log") String errorLog) {

  public JobDetail {
    // A null entry in an answer is dropped rather than failing a status poll.
    newDbNames = newDbNames == null ? null : newDbNames.stream().filter(Objects::nonNull).toList();
  }

  public JobStatus jobStatus() {
    return JobStatus.parse(status);
  }
}
