package io.cutover.simulator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A create request that passed validation, with each option resolved to the value the service acts
 * on (empty strings the seed's RDS example sends are resolved here, once).
 *
 * @param body the request body exactly as received, echoed by show
 * @param name base_info.name
 * @param description base_info.description, or null
 * @param enterpriseProjectId base_info.enterprise_project_id, or null
 * @param targetInstanceId target_db_info.target_instance_id
 * @param fileSource backup_info.file_source
 * @param bucketName backup_info.bucket_name (OBS), or null
 * @param files backup_info.files, in order
 * @param recoveryMode options.recovery_mode ("" on an RDS restore resolves to FULL)
 * @param lastBackup options.is_last_backup ("" on an RDS restore resolves to true)
 * @param precheck options.is_precheck
 * @param cover options.is_cover (false when absent)
 * @param defaultRestore options.is_default_restore; when absent, true unless db_names names a
 *     database
 * @param dbNames the non-empty entries of options.db_names
 * @param renames the entries of options.reset_db_name_map whose new name is not empty: key the old
 *     name ("" for the backup's only database), value the new name
 */
public record CreateJobRequest(
        JsonNode body,
        String name,
        String description,
        String enterpriseProjectId,
        String targetInstanceId,
        FileSource fileSource,
        String bucketName,
        List<BackupFileRef> files,
        RecoveryMode recoveryMode,
        boolean lastBackup,
        boolean precheck,
        boolean cover,
        boolean defaultRestore,
        List<String> dbNames,
        Map<String, String> renames) {

    public CreateJobRequest {
        files = List.copyOf(files);
        dbNames = List.copyOf(dbNames);
        renames = Map.copyOf(renames);
    }
}
