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
 * @param timeZoneQuarterHours the source server's offset from UTC when the backup was taken, in
 *     quarter hours (the SSET block's time zone; 4 is UTC+1), or {@link #UNKNOWN_TIME_ZONE}
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
        boolean mediaPassword,
        int timeZoneQuarterHours) {

    /** MTF's value for a time zone that is not known. */
    public static final int UNKNOWN_TIME_ZONE = 127;

    /** When the backup started, in UTC, or null when the server's time zone is not known. */
    public java.time.Instant backupStartInstant() {
        if (timeZoneQuarterHours < -56 || timeZoneQuarterHours > 56) {
            return null;
        }
        return backupStartDate.toInstant(java.time.ZoneOffset.ofTotalSeconds(timeZoneQuarterHours * 15 * 60));
    }

    /** A builder of a header, for the writer (the demo's and the simulator's backups). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this header, to change some of it. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.databaseName = databaseName;
        builder.serverName = serverName;
        builder.type = type;
        builder.firstLsn = firstLsn;
        builder.lastLsn = lastLsn;
        builder.checkpointLsn = checkpointLsn;
        builder.databaseBackupLsn = databaseBackupLsn;
        builder.differentialBaseLsn = differentialBaseLsn;
        builder.differentialBaseGuid = differentialBaseGuid;
        builder.backupSetGuid = backupSetGuid;
        builder.backupStartDate = backupStartDate;
        builder.databaseVersion = databaseVersion;
        builder.softwareVersion = softwareVersion;
        builder.familyCount = familyCount;
        builder.familySequenceNumber = familySequenceNumber;
        builder.position = position;
        builder.hasBackupChecksums = hasBackupChecksums;
        builder.mediaPassword = mediaPassword;
        builder.timeZoneQuarterHours = timeZoneQuarterHours;
        return builder;
    }

    /** Sets a header's fields by name; the family, position and versions have defaults. */
    public static final class Builder {
        private String databaseName;
        private String serverName;
        private BackupType type;
        private Lsn firstLsn;
        private Lsn lastLsn;
        private Lsn checkpointLsn;
        private Lsn databaseBackupLsn;
        private Lsn differentialBaseLsn;
        private UUID differentialBaseGuid;
        private UUID backupSetGuid;
        private LocalDateTime backupStartDate;
        private int databaseVersion = 957;
        private String softwareVersion = "16.0.1000";
        private int familyCount = 1;
        private int familySequenceNumber = 1;
        private int position = 1;
        private boolean hasBackupChecksums;
        private boolean mediaPassword;
        private int timeZoneQuarterHours = UNKNOWN_TIME_ZONE;

        public Builder databaseName(String value) {
            databaseName = value;
            return this;
        }

        public Builder serverName(String value) {
            serverName = value;
            return this;
        }

        public Builder type(BackupType value) {
            type = value;
            return this;
        }

        public Builder firstLsn(Lsn value) {
            firstLsn = value;
            return this;
        }

        public Builder lastLsn(Lsn value) {
            lastLsn = value;
            return this;
        }

        public Builder checkpointLsn(Lsn value) {
            checkpointLsn = value;
            return this;
        }

        public Builder databaseBackupLsn(Lsn value) {
            databaseBackupLsn = value;
            return this;
        }

        public Builder differentialBaseLsn(Lsn value) {
            differentialBaseLsn = value;
            return this;
        }

        public Builder differentialBaseGuid(UUID value) {
            differentialBaseGuid = value;
            return this;
        }

        public Builder backupSetGuid(UUID value) {
            backupSetGuid = value;
            return this;
        }

        public Builder backupStartDate(LocalDateTime value) {
            backupStartDate = value;
            return this;
        }

        public Builder databaseVersion(int value) {
            databaseVersion = value;
            return this;
        }

        public Builder softwareVersion(String value) {
            softwareVersion = value;
            return this;
        }

        public Builder familyCount(int value) {
            familyCount = value;
            return this;
        }

        public Builder familySequenceNumber(int value) {
            familySequenceNumber = value;
            return this;
        }

        public Builder position(int value) {
            position = value;
            return this;
        }

        public Builder hasBackupChecksums(boolean value) {
            hasBackupChecksums = value;
            return this;
        }

        public Builder mediaPassword(boolean value) {
            mediaPassword = value;
            return this;
        }

        public Builder timeZoneQuarterHours(int value) {
            timeZoneQuarterHours = value;
            return this;
        }

        public BackupHeader build() {
            return new BackupHeader(
                    databaseName,
                    serverName,
                    type,
                    firstLsn,
                    lastLsn,
                    checkpointLsn,
                    databaseBackupLsn,
                    differentialBaseLsn,
                    differentialBaseGuid,
                    backupSetGuid,
                    backupStartDate,
                    databaseVersion,
                    softwareVersion,
                    familyCount,
                    familySequenceNumber,
                    position,
                    hasBackupChecksums,
                    mediaPassword,
                    timeZoneQuarterHours);
        }
    }
}
