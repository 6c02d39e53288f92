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

    /** A request built field by field: the call site says what it sets, the rest is empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request, to change some of it. */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .name(name)
                .description(description)
                .enterpriseProjectId(enterpriseProjectId)
                .tags(tags)
                .target(targetInstanceId, fileStream)
                .recovery(recoveryMode, lastBackup)
                .precheck(precheck)
                .cover(cover)
                .defaultRestore(defaultRestore)
                .dbNames(dbNames)
                .renameTo(renameTo)
                .deleteBackupFile(deleteBackupFile);
        builder.fileSource = fileSource;
        builder.bucketName = bucketName;
        builder.fileName = fileName;
        builder.obsPath = obsPath;
        builder.rdsFileId = rdsFileId;
        builder.rdsVersion = rdsVersion;
        builder.rdsSourceInstanceId = rdsSourceInstanceId;
        return builder;
    }

    /** Builds a {@link JobRequest}: the source is either an OBS file or an RDS backup, never both. */
    public static final class Builder {
        private String name;
        private String description;
        private String enterpriseProjectId;
        private List<Tag> tags = List.of();
        private String targetInstanceId;
        private String fileStream;
        private FileSource fileSource;
        private String bucketName;
        private String fileName;
        private String obsPath;
        private String rdsFileId;
        private String rdsVersion;
        private String rdsSourceInstanceId;
        private RecoveryMode recoveryMode;
        private boolean lastBackup;
        private boolean precheck;
        private boolean cover;
        private boolean defaultRestore;
        private List<String> dbNames = List.of();
        private String renameTo;
        private boolean deleteBackupFile;

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder enterpriseProjectId(String value) {
            enterpriseProjectId = value;
            return this;
        }

        public Builder tags(List<Tag> value) {
            tags = value;
            return this;
        }

        /** target_db_info: the RDS instance and its FILESTREAM setting ("on", "off" or null). */
        public Builder target(String instanceId, String fileStreamStatus) {
            targetInstanceId = instanceId;
            fileStream = fileStreamStatus;
            return this;
        }

        /** A backup file in an OBS bucket, under {@code path} ("" for the bucket's root). */
        public Builder obsFile(String bucket, String file, String path) {
            fileSource = FileSource.OBS;
            bucketName = bucket;
            fileName = file;
            obsPath = path;
            return this;
        }

        /** A backup of another RDS instance. */
        public Builder rdsBackup(String fileId, String version, String sourceInstanceId) {
            fileSource = FileSource.RDS;
            rdsFileId = fileId;
            rdsVersion = version;
            rdsSourceInstanceId = sourceInstanceId;
            return this;
        }

        /** options.recovery_mode and options.is_last_backup. */
        public Builder recovery(RecoveryMode mode, boolean last) {
            recoveryMode = mode;
            lastBackup = last;
            return this;
        }

        public Builder precheck(boolean value) {
            precheck = value;
            return this;
        }

        public Builder cover(boolean value) {
            cover = value;
            return this;
        }

        public Builder defaultRestore(boolean value) {
            defaultRestore = value;
            return this;
        }

        public Builder dbNames(List<String> value) {
            dbNames = value;
            return this;
        }

        public Builder renameTo(String value) {
            renameTo = value;
            return this;
        }

        public Builder deleteBackupFile(boolean value) {
            deleteBackupFile = value;
            return this;
        }

        public JobRequest build() {
            return new JobRequest(
                    name,
                    description,
                    enterpriseProjectId,
                    tags,
                    targetInstanceId,
                    fileStream,
                    fileSource,
                    bucketName,
                    fileName,
                    obsPath,
                    rdsFileId,
                    rdsVersion,
                    rdsSourceInstanceId,
                    recoveryMode,
                    lastBackup,
                    precheck,
                    cover,
                    defaultRestore,
                    dbNames,
                    renameTo,
                    deleteBackupFile);
        }
    }

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
