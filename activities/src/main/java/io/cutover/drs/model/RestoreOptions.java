package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's Table 9 (BackupRestoreOptionInfo). Booleans are objects so that an option left
 * unset is left out of the JSON rather than sent as false.
 *
 * @param cover is_cover: overwrite the destination database
 * @param defaultRestore is_default_restore: restore every database in the file
 * @param lastBackup is_last_backup: the file is the last one; brings the database online
 * @param precheck is_precheck: run DRS's pre-verification
 * @param recoveryMode recovery_mode: full or incre
 * @param dbNames db_names: databases to restore when is_default_restore is false
 * @param resetDbNameMap reset_db_name_map: key "" and the new database name as value
 * @param deleteBackupFile is_delete_backup_file: delete the downloaded copy after restore
 */
public record RestoreOptions(
        @JsonProperty("is_cover") Boolean cover,
        @JsonProperty("is_default_restore") Boolean defaultRestore,
        @JsonProperty("is_last_backup") Boolean lastBackup,
        @JsonProperty("is_precheck") Boolean precheck,
        @JsonProperty("recovery_mode") RecoveryMode recoveryMode,
        @JsonProperty("db_names") List<String> dbNames,
        @JsonProperty("reset_db_name_map") Map<String, String> resetDbNameMap,
        @JsonProperty("is_delete_backup_file") Boolean deleteBackupFile) {

    public RestoreOptions {
        // Not List.copyOf: a null entry must reach the validator, which names it.
        dbNames = dbNames == null ? null : Collections.unmodifiableList(new ArrayList<>(dbNames));
        resetDbNameMap =
                resetDbNameMap == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(resetDbNameMap));
    }
}
