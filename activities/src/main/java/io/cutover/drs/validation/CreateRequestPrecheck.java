package io.cutover.drs.validation;

import io.cutover.drs.model.BackupFile;
import io.cutover.drs.model.BackupInfo;
import io.cutover.drs.model.BaseInfo;
import io.cutover.drs.model.CreateJobRequest;
import io.cutover.drs.model.FileSource;
import io.cutover.drs.model.RecoveryMode;
import io.cutover.drs.model.ResourceTag;
import io.cutover.drs.model.RestoreOptions;
import io.cutover.drs.model.TargetDbInfo;
import io.cutover.drs.model.UpdateJobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The seed's rules (Tables 4 to 9) plus the console's rule on backup file names, checked
 * before anything is sent so that a bad request fails at once with every broken rule named,
 * instead of one 400 at a time.
 */
public final class CreateRequestPrecheck {

    static final String NAME_RULE = "4 to 50 characters of letters, digits, '-' and '_'";
    static final String ENGINE_RULE = "must be '" + BaseInfo.SQLSERVER + "'";
    static final String TAG_KEY_RULE = "1 to 36 characters of letters, digits, '_' and '-'";
    static final String TAG_VALUE_RULE = "only letters, digits, spaces and _ . : / = + - @";
    static final String BUCKET_LENGTH_RULE = "3 to 63 characters";
    static final String BUCKET_CHARSET_RULE = "only lower-case letters, digits, '-' and '.'";
    static final String BUCKET_ENDS_RULE = "must start and end with a letter or digit";
    static final String BUCKET_IP_RULE = "must not be an IP address";
    static final String FILE_SOURCE_RULE = "required: OBS or RDS (upper case)";
    static final String RECOVERY_MODE_RULE = "required: full or incre";
    static final String FILE_EXTENSION_RULE = "must end with .bak (rename .trn log backups)";
    static final String FILE_STEM_RULE = "the name before .bak must be 1 to 200 letters, digits, '-' and '_'";
    static final String DB_NAMES_RULE = "required (at least one database) when is_default_restore is false";
    static final String RESET_FULL_RULE = "only allowed with recovery_mode full";
    static final String RESET_LAST_RULE = "only allowed with is_last_backup true";
    static final String RESET_SINGLE_RULE = "only allowed for a single database";

    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9_-]{4,50}");
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_-]{1,36}");
    private static final Pattern TAG_VALUE = Pattern.compile("[A-Za-z0-9 _.:/=+\\-@]*");
    private static final Pattern BUCKET_CHARSET = Pattern.compile("[a-z0-9.-]*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern BAK_STEM = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final String BAK = ".bak";

    private CreateRequestPrecheck() {}

    /** Throws {@link InvalidRequestException} listing every broken rule of a create body. */
    public static void requireValid(CreateJobRequest request) {
        List<Violation> violations = check(request);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    /** Throws {@link InvalidRequestException} listing every broken rule of an update body. */
    public static void requireValid(UpdateJobRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null) {
            violations.add(new Violation("body", "required"));
        } else if (request.name() != null) {
            checkName(request.name(), "name", violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    /** Every broken rule of a create body, in field order. */
    public static List<Violation> check(CreateJobRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null) {
            violations.add(new Violation("body", "required"));
            return violations;
        }
        checkBaseInfo(request.baseInfo(), violations);
        checkTarget(request.targetDbInfo(), violations);
        FileSource source = checkBackupInfo(request.backupInfo(), violations);
        if (source == FileSource.RDS && request.targetDbInfo() != null) {
            requireText(
                    request.targetDbInfo().fileId(),
                    "target_db_info.file_id",
                    "required when file_source is RDS",
                    violations);
        }
        checkOptions(request.options(), violations);
        return violations;
    }

    private static void checkBaseInfo(BaseInfo base, List<Violation> violations) {
        if (base == null) {
            violations.add(new Violation("base_info", "required"));
            return;
        }
        checkName(base.name(), "base_info.name", violations);
        if (!BaseInfo.SQLSERVER.equals(base.engineType())) {
            violations.add(new Violation("base_info.engine_type", ENGINE_RULE));
        }
        List<ResourceTag> tags = base.tags() == null ? List.of() : base.tags();
        for (int i = 0; i < tags.size(); i++) {
            ResourceTag tag = tags.get(i);
            String path = "base_info.tags[" + i + "]";
            if (tag == null) {
                violations.add(new Violation(path, "must not be null"));
                continue;
            }
            if (tag.key() != null && !TAG_KEY.matcher(tag.key()).matches()) {
                violations.add(new Violation(path + ".key", TAG_KEY_RULE));
            }
            if (tag.value() != null && !TAG_VALUE.matcher(tag.value()).matches()) {
                violations.add(new Violation(path + ".value", TAG_VALUE_RULE));
            }
        }
    }

    private static void checkName(String name, String path, List<Violation> violations) {
        if (name == null || !JOB_NAME.matcher(name).matches()) {
            violations.add(new Violation(path, NAME_RULE));
        }
    }

    private static void checkTarget(TargetDbInfo target, List<Violation> violations) {
        if (target == null) {
            violations.add(new Violation("target_db_info", "required"));
            return;
        }
        requireText(target.targetInstanceId(), "target_db_info.target_instance_id", "required", violations);
    }

    private static FileSource checkBackupInfo(BackupInfo backup, List<Violation> violations) {
        if (backup == null) {
            violations.add(new Violation("backup_info", "required"));
            return null;
        }
        if (backup.fileSource() == null) {
            violations.add(new Violation("backup_info.file_source", FILE_SOURCE_RULE));
        }
        if (backup.fileSource() == FileSource.OBS) {
            checkBucket(backup.bucketName(), violations);
        }
        List<BackupFile> files = backup.files() == null ? List.of() : backup.files();
        if (files.isEmpty()) {
            violations.add(new Violation("backup_info.files", "required: at least one file"));
        }
        for (int i = 0; i < files.size(); i++) {
            checkFile(files.get(i), backup.fileSource(), "backup_info.files[" + i + "]", violations);
        }
        return backup.fileSource();
    }

    private static void checkBucket(String bucket, List<Violation> violations) {
        String path = "backup_info.bucket_name";
        if (bucket == null || bucket.isBlank()) {
            violations.add(new Violation(path, "required when file_source is OBS"));
            return;
        }
        if (bucket.length() < 3 || bucket.length() > 63) {
            violations.add(new Violation(path, BUCKET_LENGTH_RULE));
        }
        if (!BUCKET_CHARSET.matcher(bucket).matches()) {
            violations.add(new Violation(path, BUCKET_CHARSET_RULE));
        }
        if (!isLetterOrDigit(bucket.charAt(0)) || !isLetterOrDigit(bucket.charAt(bucket.length() - 1))) {
            violations.add(new Violation(path, BUCKET_ENDS_RULE));
        }
        if (IPV4.matcher(bucket).matches()) {
            violations.add(new Violation(path, BUCKET_IP_RULE));
        }
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static void checkFile(BackupFile file, FileSource source, String path, List<Violation> violations) {
        if (file == null) {
            violations.add(new Violation(path, "must not be null"));
            return;
        }
        if (source == FileSource.OBS) {
            checkBakName(file.name(), path + ".name", violations);
        } else if (source == FileSource.RDS) {
            requireText(file.rdsVersion(), path + ".rds_version", "required when file_source is RDS", violations);
            requireText(
                    file.rdsSourceInstanceId(),
                    path + ".rds_source_instance_id",
                    "required when file_source is RDS",
                    violations);
        }
    }

    private static void checkBakName(String name, String path, List<Violation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new Violation(path, "required when file_source is OBS"));
            return;
        }
        if (!name.endsWith(BAK)) {
            violations.add(new Violation(path, FILE_EXTENSION_RULE));
            return;
        }
        if (!BAK_STEM.matcher(name.substring(0, name.length() - BAK.length())).matches()) {
            violations.add(new Violation(path, FILE_STEM_RULE));
        }
    }

    private static void checkOptions(RestoreOptions options, List<Violation> violations) {
        if (options == null) {
            violations.add(new Violation("options", "required"));
            return;
        }
        if (options.lastBackup() == null) {
            violations.add(new Violation("options.is_last_backup", "required: true or false"));
        }
        if (options.precheck() == null) {
            violations.add(new Violation("options.is_precheck", "required: true or false"));
        }
        if (options.recoveryMode() == null) {
            violations.add(new Violation("options.recovery_mode", RECOVERY_MODE_RULE));
        }
        List<String> dbNames = options.dbNames() == null ? List.of() : options.dbNames();
        for (int i = 0; i < dbNames.size(); i++) {
            if (dbNames.get(i) == null) {
                violations.add(new Violation("options.db_names[" + i + "]", "must not be null"));
            }
        }
        List<String> databases = namedDatabases(dbNames);
        if (Boolean.FALSE.equals(options.defaultRestore()) && databases.isEmpty()) {
            violations.add(new Violation("options.db_names", DB_NAMES_RULE));
        }
        checkRename(options, databases, violations);
    }

    /**
     * The seed allows renaming only for a single-database, full, last backup. Its own RDS
     * example sends db names mapped to "" (no new name) for three databases, so only entries
     * that carry a new name count as a rename.
     */
    private static void checkRename(RestoreOptions options, List<String> databases, List<Violation> violations) {
        Map<String, String> map = options.resetDbNameMap() == null ? Map.of() : options.resetDbNameMap();
        long renames = map.values().stream()
                .filter(value -> value != null && !value.isEmpty())
                .count();
        if (renames == 0) {
            return;
        }
        String path = "options.reset_db_name_map";
        if (options.recoveryMode() != RecoveryMode.FULL) {
            violations.add(new Violation(path, RESET_FULL_RULE));
        }
        if (!Boolean.TRUE.equals(options.lastBackup())) {
            violations.add(new Violation(path, RESET_LAST_RULE));
        }
        if (renames > 1 || databases.size() > 1) {
            violations.add(new Violation(path, RESET_SINGLE_RULE));
        }
    }

    /** db_names without the empty entries the console sends along with is_default_restore. */
    private static List<String> namedDatabases(List<String> dbNames) {
        return dbNames.stream().filter(name -> name != null && !name.isBlank()).toList();
    }

    private static void requireText(String value, String path, String rule, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(path, rule));
        }
    }
}
