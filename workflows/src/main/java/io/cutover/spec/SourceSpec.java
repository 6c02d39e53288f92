package io.cutover.spec;

/**
 * Where a campaign's backups come from.
 *
 * @param bucket the OBS bucket (OBS modes)
 * @param prefix the folder under which the database's backups are uploaded, "" for the root
 * @param fullBackup the object key of the full backup that anchors the chain (OBS modes)
 * @param naming how backup names are classified and ordered
 * @param database only backups of this database are taken where the prefix holds several
 * @param stagingPrefix where non-compliant names are copied to DRS-compliant ones
 * @param rds the RDS backup to restore (RDS_FULL mode only)
 */
public record SourceSpec(
        String bucket,
        String prefix,
        String fullBackup,
        NamingSpec naming,
        String database,
        String stagingPrefix,
        RdsBackup rds) {

    /**
     * An RDS instance's full backup, for the RDS_FULL scenario.
     *
     * @param fileId file_id of the backup (target_db_info.file_id)
     * @param rdsVersion rds_version, for example 2019_EE
     * @param sourceInstanceId rds_source_instance_id
     */
    public record RdsBackup(String fileId, String rdsVersion, String sourceInstanceId) {}
}
