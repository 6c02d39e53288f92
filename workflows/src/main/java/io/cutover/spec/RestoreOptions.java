package io.cutover.spec;

import java.util.List;

/**
 * Restore options sent with every job of a campaign (the seed's Table 9).
 *
 * @param dbNames db_names, required when defaultRestore is false
 * @param defaultRestore is_default_restore
 * @param cover is_cover (overwrite the destination database; disables HA meanwhile)
 * @param renameTo the new database name (reset_db_name_map with key ""), single-database
 *     full last backups only
 * @param deleteBackupFile is_delete_backup_file
 * @param precheck is_precheck
 */
public record RestoreOptions(
        List<String> dbNames,
        boolean defaultRestore,
        boolean cover,
        String renameTo,
        boolean deleteBackupFile,
        boolean precheck) {}
