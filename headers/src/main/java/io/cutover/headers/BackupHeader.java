package io.cutover.headers;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * What a SQL Server backup file's header says about its place in the chain: RESTORE HEADERONLY's
 * columns, read without SQL Server.
 *
 * @param databaseName DatabaseName
 * @param serverName ServerName, e.g. HOST\INSTANCE
 * @param type BackupType
 * @param firstLsn FirstLSN
 * @param lastLsn LastLSN
 * @param checkpointLsn CheckpointLSN
 * @param databaseBackupLsn DatabaseBackupLSN: the CheckpointLSN of the full this one depends on
 * @param differentialBaseLsn DifferentialBaseLSN (differentials only, else null)
 * @param differentialBaseGuid DifferentialBaseGUID: the base full's BackupSetGUID (differentials
 *     only, else null)
 * @param backupSetGuid BackupSetGUID
 * @param backupStartDate BackupStartDate, the server's local time
 * @param databaseVersion DatabaseVersion (661: 2008 R2, 852: 2016)
 * @param softwareVersion SoftwareVersionMajor.Minor.Build of the SQL Server that took it
 * @param familyCount FamilyCount: above 1, a backup striped over several files
 * @param familySequenceNumber FamilySequenceNumber of this file among them
 * @param position Position of the backup set in the file
 * @param hasBackupChecksums HasBackupChecksums
 * @param mediaPassword whether the media has a password
 */
public record BackupHeader(
        String databaseName,
        String serverName,
        BackupType type,
        Lsn firstLsn,
        Lsn lastLsn,
        Lsn checkpointLsn,
        Lsn databaseBackupLsn,
        Lsn differentialBaseLsn,
        UUID differentialBaseGuid,
        UUID backupSetGuid,
        LocalDateTime backupStartDate,
        int databaseVersion,
        String softwareVersion,
        int familyCount,
        int familySequenceNumber,
        int position,
        boolean hasBackupChecksums,
        boolean mediaPassword) {}
