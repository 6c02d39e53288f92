package io.cutover.simulator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks create and update bodies by the seed's rules (Tables 3 to 9) and the console's file rules,
 * reading the raw JSON tree by the seed's field names. The first broken rule is reported, naming
 * the field path and the rule.
 *
 * <p>Where the seed's own examples break a strict reading, the simulator accepts what the real
 * service accepts, and no more: an RDS restore may send {@code "recovery_mode": ""} and {@code
 * "is_last_backup": ""} (an RDS backup is always a full, final restore); {@code db_names} may hold
 * empty strings ({@code [""]}), which name nothing; {@code reset_db_name_map} may hold several keys
 * as long as at most one carries a new name.
 */
public final class DrsJobRules {

    private static final Pattern TASK_NAME = Pattern.compile("[A-Za-z0-9_-]{4,50}");
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_-]{1,36}");
    private static final Pattern TAG_VALUE = Pattern.compile("[A-Za-z0-9 _.:/=+\\-@]*");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern BACKUP_FILE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,200}\\.bak");
    private static final int MAX_DATABASES = 100;
    private static final Set<String> UPDATABLE_FIELDS = Set.of("name", "description");

    private static final String NAME_RULE =
            "must be 4 to 50 characters, only letters, digits, hyphens (-) and underscores (_)";

    private DrsJobRules() {}

    /** Validates a create body and resolves its options. */
    public static CreateJobRequest create(JsonNode body) {
        requireObject(body, "request body");
        JsonNode baseInfo = requireObject(body.get("base_info"), "base_info");
        JsonNode targetDbInfo = requireObject(body.get("target_db_info"), "target_db_info");
        JsonNode backupInfo = requireObject(body.get("backup_info"), "backup_info");
        JsonNode options = requireObject(body.get("options"), "options");

        String name = taskName(baseInfo.get("name"), "base_info.name");
        String engineType = requiredString(baseInfo.get("engine_type"), "base_info.engine_type");
        if (!"sqlserver".equals(engineType)) {
            throw new InvalidRequestException("base_info.engine_type", "must be sqlserver; got " + quoted(engineType));
        }
        String description = optionalString(baseInfo.get("description"), "base_info.description");
        String enterpriseProjectId =
                optionalString(baseInfo.get("enterprise_project_id"), "base_info.enterprise_project_id");
        checkTags(baseInfo.get("tags"));

        String targetInstanceId =
                requiredString(targetDbInfo.get("target_instance_id"), "target_db_info.target_instance_id");
        if (targetInstanceId.isEmpty()) {
            throw new InvalidRequestException("target_db_info.target_instance_id", "must not be empty");
        }
        optionalString(targetDbInfo.get("ms_file_stream_status"), "target_db_info.ms_file_stream_status");
        String fileId = optionalString(targetDbInfo.get("file_id"), "target_db_info.file_id");

        FileSource fileSource = fileSource(backupInfo.get("file_source"));
        String bucketName = optionalString(backupInfo.get("bucket_name"), "backup_info.bucket_name");
        if (fileSource == FileSource.OBS && (bucketName == null || bucketName.isEmpty())) {
            throw new InvalidRequestException("backup_info.bucket_name", "is required when file_source is OBS");
        }
        if (bucketName != null && !bucketName.isEmpty()) {
            checkBucketName(bucketName);
        }
        if (fileSource == FileSource.RDS && (fileId == null || fileId.isEmpty())) {
            throw new InvalidRequestException(
                    "target_db_info.file_id", "is required when file_source is RDS (the RDS backup's id)");
        }
        List<BackupFileRef> files = files(backupInfo.get("files"), fileSource);

        RecoveryMode recoveryMode = recoveryMode(options.get("recovery_mode"), fileSource);
        boolean lastBackup = lastBackup(options.get("is_last_backup"), fileSource);
        boolean precheck = requiredBoolean(options.get("is_precheck"), "options.is_precheck");
        boolean cover = optionalBoolean(options.get("is_cover"), "options.is_cover", false);
        optionalBoolean(options.get("is_delete_backup_file"), "options.is_delete_backup_file", true);
        List<String> dbNames = dbNames(options.get("db_names"));
        JsonNode defaultRestoreNode = options.get("is_default_restore");
        boolean defaultRestore = optionalBoolean(defaultRestoreNode, "options.is_default_restore", dbNames.isEmpty());
        if (!defaultRestore && dbNames.isEmpty()) {
            throw new InvalidRequestException(
                    "options.db_names", "must name at least one database when is_default_restore is false");
        }
        Map<String, String> renames = renames(options.get("reset_db_name_map"));
        if (!renames.isEmpty()) {
            checkRenameAllowed(recoveryMode, lastBackup, defaultRestore, dbNames, renames);
        }
        return new CreateJobRequest(
                body,
                name,
                description,
                enterpriseProjectId,
                targetInstanceId,
                fileSource,
                bucketName == null || bucketName.isEmpty() ? null : bucketName,
                files,
                recoveryMode,
                lastBackup,
                precheck,
                cover,
                defaultRestore,
                dbNames,
                renames);
    }

    /**
     * Validates an update body: only name and description may change.
     *
     * @return the fields to change (name and/or description; a null description clears it)
     */
    public static Map<String, String> update(JsonNode body) {
        requireObject(body, "request body");
        Map<String, String> changes = new LinkedHashMap<>();
        Iterator<String> fieldNames = body.fieldNames();
        while (fieldNames.hasNext()) {
            String field = fieldNames.next();
            if (!UPDATABLE_FIELDS.contains(field)) {
                throw new InvalidRequestException(field, "cannot be updated; only name and description can");
            }
        }
        if (body.has("name")) {
            changes.put("name", taskName(body.get("name"), "name"));
        }
        if (body.has("description")) {
            changes.put("description", optionalString(body.get("description"), "description"));
        }
        if (changes.isEmpty()) {
            throw new InvalidRequestException("request body", "must change name or description");
        }
        return changes;
    }

    private static String taskName(JsonNode node, String field) {
        String name = requiredString(node, field);
        if (!TASK_NAME.matcher(name).matches()) {
            throw new InvalidRequestException(field, NAME_RULE + "; got " + quoted(name));
        }
        return name;
    }

    private static void checkTags(JsonNode tags) {
        if (isAbsent(tags)) {
            return;
        }
        if (!tags.isArray()) {
            throw new InvalidRequestException("base_info.tags", "must be an array of {key, value}");
        }
        for (int i = 0; i < tags.size(); i++) {
            String field = "base_info.tags[" + i + "]";
            JsonNode tag = requireObject(tags.get(i), field);
            String key = optionalString(tag.get("key"), field + ".key");
            if (key != null && !TAG_KEY.matcher(key).matches()) {
                throw new InvalidRequestException(
                        field + ".key",
                        "must be 1 to 36 characters, only letters, digits, underscores (_) and hyphens (-);"
                                + " got "
                                + quoted(key));
            }
            String value = optionalString(tag.get("value"), field + ".value");
            if (value != null && !TAG_VALUE.matcher(value).matches()) {
                throw new InvalidRequestException(
                        field + ".value",
                        "may contain only letters, digits, spaces and _ . : / = + - @; got " + quoted(value));
            }
        }
    }

    private static FileSource fileSource(JsonNode node) {
        String value = requiredString(node, "backup_info.file_source");
        for (FileSource source : FileSource.values()) {
            if (source.name().equals(value)) {
                return source;
            }
        }
        throw new InvalidRequestException(
                "backup_info.file_source", "must be OBS or RDS, in upper case; got " + quoted(value));
    }

    private static void checkBucketName(String bucketName) {
        if (!BUCKET_NAME.matcher(bucketName).matches()) {
            throw new InvalidRequestException(
                    "backup_info.bucket_name",
                    "must be 3 to 63 characters of lower-case letters, digits, hyphens (-) and periods (.),"
                            + " starting and ending with a letter or digit; got "
                            + quoted(bucketName));
        }
        if (IP_ADDRESS.matcher(bucketName).matches()) {
            throw new InvalidRequestException(
                    "backup_info.bucket_name", "must not be an IP address; got " + quoted(bucketName));
        }
    }

    private static List<BackupFileRef> files(JsonNode node, FileSource fileSource) {
        if (isAbsent(node)) {
            throw new InvalidRequestException("backup_info.files", "is required");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException("backup_info.files", "must be a non-empty array");
        }
        List<BackupFileRef> files = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "backup_info.files[" + i + "]";
            JsonNode file = requireObject(node.get(i), field);
            String name = requiredString(file.get("name"), field + ".name");
            String obsPath;
            if (fileSource == FileSource.OBS) {
                if (!BACKUP_FILE_NAME.matcher(name).matches()) {
                    throw new InvalidRequestException(
                            field + ".name",
                            "must be a .bak file whose name before the extension is 1 to 200 characters,"
                                    + " only letters, digits, hyphens (-) and underscores (_); got "
                                    + quoted(name));
                }
                obsPath = obsPath(file.get("obs_path"), field + ".obs_path");
            } else {
                obsPath = "";
                requireNonEmpty(file.get("rds_version"), field + ".rds_version", "is required when file_source is RDS");
                requireNonEmpty(
                        file.get("rds_source_instance_id"),
                        field + ".rds_source_instance_id",
                        "is required when file_source is RDS");
            }
            files.add(new BackupFileRef(name, obsPath));
        }
        return files;
    }

    /**
     * obs_path is mandatory for OBS files (the real service wants the key, "" for the bucket's root).
     * A folder given without its trailing slash is taken as that folder.
     */
    private static String obsPath(JsonNode node, String field) {
        if (node == null) {
            throw new InvalidRequestException(
                    field, "is required when file_source is OBS (\"\" for the bucket's root)");
        }
        String path = requiredString(node, field);
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidRequestException(field, "must not contain .. segments; got " + quoted(path));
            }
        }
        if (path.startsWith("/")) {
            throw new InvalidRequestException(
                    field, "must be relative to the bucket (no leading /); got " + quoted(path));
        }
        return path.isEmpty() || path.endsWith("/") ? path : path + "/";
    }

    private static RecoveryMode recoveryMode(JsonNode node, FileSource fileSource) {
        String value = requiredString(node, "options.recovery_mode");
        if (value.isEmpty() && fileSource == FileSource.RDS) {
            return RecoveryMode.FULL;
        }
        if (value.equals("full")) {
            return RecoveryMode.FULL;
        }
        if (value.equals("incre")) {
            if (fileSource == FileSource.RDS) {
                throw new InvalidRequestException(
                        "options.recovery_mode", "must be full when file_source is RDS (an RDS backup is full)");
            }
            return RecoveryMode.INCRE;
        }
        throw new InvalidRequestException("options.recovery_mode", "must be full or incre; got " + quoted(value));
    }

    private static boolean lastBackup(JsonNode node, FileSource fileSource) {
        if (node != null && node.isTextual() && node.asText().isEmpty() && fileSource == FileSource.RDS) {
            return true;
        }
        return requiredBoolean(node, "options.is_last_backup");
    }

    private static List<String> dbNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (isAbsent(node)) {
            return names;
        }
        if (!node.isArray()) {
            throw new InvalidRequestException("options.db_names", "must be an array of strings");
        }
        if (node.size() > MAX_DATABASES) {
            throw new InvalidRequestException(
                    "options.db_names", "may name at most " + MAX_DATABASES + " databases; got " + node.size());
        }
        for (int i = 0; i < node.size(); i++) {
            String name = requiredString(node.get(i), "options.db_names[" + i + "]");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static Map<String, String> renames(JsonNode node) {
        Map<String, String> renames = new LinkedHashMap<>();
        if (isAbsent(node)) {
            return renames;
        }
        if (!node.isObject()) {
            throw new InvalidRequestException(
                    "options.reset_db_name_map", "must be an object mapping \"\" to the new database name");
        }
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String newName =
                    requiredString(entry.getValue(), "options.reset_db_name_map[" + quoted(entry.getKey()) + "]");
            if (!newName.isEmpty()) {
                renames.put(entry.getKey(), newName);
            }
        }
        return renames;
    }

    private static void checkRenameAllowed(
            RecoveryMode recoveryMode,
            boolean lastBackup,
            boolean defaultRestore,
            List<String> dbNames,
            Map<String, String> renames) {
        String rule = "can rename only when the backup holds one database and is a full backup that is also"
                + " the last backup (recovery_mode full, is_last_backup true)";
        if (renames.size() > 1) {
            throw new InvalidRequestException(
                    "options.reset_db_name_map", rule + "; got " + renames.size() + " new names");
        }
        if (recoveryMode != RecoveryMode.FULL || !lastBackup) {
            throw new InvalidRequestException(
                    "options.reset_db_name_map",
                    rule + "; got recovery_mode " + recoveryMode.wireName() + ", is_last_backup " + lastBackup);
        }
        if (!defaultRestore && dbNames.size() > 1) {
            throw new InvalidRequestException(
                    "options.reset_db_name_map", rule + "; got " + dbNames.size() + " databases in db_names");
        }
    }

    private static JsonNode requireObject(JsonNode node, String field) {
        if (isAbsent(node)) {
            throw new InvalidRequestException(field, "is required");
        }
        if (!node.isObject()) {
            throw new InvalidRequestException(field, "must be a JSON object");
        }
        return node;
    }

    private static String requiredString(JsonNode node, String field) {
        if (isAbsent(node)) {
            throw new InvalidRequestException(field, "is required");
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException(field, "must be a string; got " + node);
        }
        return node.asText();
    }

    private static void requireNonEmpty(JsonNode node, String field, String rule) {
        if (isAbsent(node) || (node.isTextual() && node.asText().isEmpty())) {
            throw new InvalidRequestException(field, rule);
        }
        requiredString(node, field);
    }

    private static String optionalString(JsonNode node, String field) {
        return isAbsent(node) ? null : requiredString(node, field);
    }

    private static boolean requiredBoolean(JsonNode node, String field) {
        if (isAbsent(node)) {
            throw new InvalidRequestException(field, "is required (true or false)");
        }
        if (!node.isBoolean()) {
            throw new InvalidRequestException(field, "must be a boolean (true or false); got " + node);
        }
        return node.asBoolean();
    }

    private static boolean optionalBoolean(JsonNode node, String field, boolean absentValue) {
        return isAbsent(node) ? absentValue : requiredBoolean(node, field);
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }
}
