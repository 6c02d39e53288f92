package io.cutover.activity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cutover.spec.Tag;
import java.util.List;
import java.util.Locale;

/**
 * One DRS backup migration job as the workflow asks for it; the activity maps it onto the
 * seed's request body and validates it before anything is sent.
 *
 * @param name base_info.name, deterministic per campaign and file
 * @param description base_info.description, or null
 * @param enterpriseProjectId base_info.enterprise_project_id, or null
 * @param tags base_info.tags
 * @param targetInstanceId target_db_info.target_instance_id
 * @param fileStream target_db_info.ms_file_stream_status, or null
 * @param fileSource OBS or RDS
 * @param bucketName backup_info.bucket_name (OBS)
 * @param fileName backup_info.files[0].name (OBS)
 * @param obsPath backup_info.files[0].obs_path (OBS), "" for the bucket's root
 * @param rdsFileId target_db_info.file_id (RDS)
 * @param rdsVersion backup_info.files[0].rds_version (RDS)
 * @param rdsSourceInstanceId backup_info.files[0].rds_source_instance_id (RDS)
 * @param recoveryMode full or incre
 * @param lastBackup options.is_last_backup
 * @param precheck options.is_precheck
 * @param cover options.is_cover
 * @param defaultRestore options.is_default_restore
 * @param dbNames options.db_names
 * @param renameTo the single value of options.reset_db_name_map (key ""), or null
 * @param deleteBackupFile options.is_delete_backup_file
 */
public record JobRequest(
        String name,
        String description,
        String enterpriseProjectId,
        List<Tag> tags,
        String targetInstanceId,
        String fileStream,
        FileSource fileSource,
        String bucketName,
        String fileName,
        String obsPath,
        String rdsFileId,
        String rdsVersion,
        String rdsSourceInstanceId,
        RecoveryMode recoveryMode,
        boolean lastBackup,
        boolean precheck,
        boolean cover,
        boolean defaultRestore,
        List<String> dbNames,
        String renameTo,
        boolean deleteBackupFile) {

    /**
     * The tag that names the campaign run that made a job (its value: the run identity). A job
     * found by name is adopted only when it carries the same value as the request.
     */
    public static final String RUN_TAG = "cutover-run";

    /** The run identity this request's tags carry, or null (campaigns started before it existed). */
    public String runIdentity() {
        return tags == null
                ? null
                : tags.stream()
                        .filter(tag -> tag != null && RUN_TAG.equals(tag.key()))
                        .map(Tag::value)
                        .findFirst()
                        .orElse(null);
    }

    /** backup_info.file_source. */
    public enum FileSource {
        OBS,
        RDS
    }

    /**
     * options.recovery_mode. Written in JSON as DRS spells it ("full", "incre"), as the campaign's
     * report and ledger always have; read in either case, since requests recorded before wrote the
     * constant's name.
     */
    public enum RecoveryMode {
        FULL,
        INCRE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static RecoveryMode fromJson(String value) {
            for (RecoveryMode mode : values()) {
                if (mode.name().equalsIgnoreCase(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("recovery mode: must be full or incre; got " + value);
        }
    }
}
