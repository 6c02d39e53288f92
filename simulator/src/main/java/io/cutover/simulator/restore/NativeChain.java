package io.cutover.simulator.restore;

import io.cutover.headers.BackupHeader;
import io.cutover.headers.BackupType;
import io.cutover.headers.Lsn;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a database restored from SQL Server native backups stands, and SQL Server's rules for the
 * next backup, with its messages (shared/reference/sqlserver-backup-headers.md): a log applies only
 * when its range holds the database's LSN; a differential only on its own full. These rules are
 * the simulator's own, apart from the product's chain planning, so that a planning mistake meets
 * the error DRS would give.
 *
 * @param lsn the database's LSN: the last backup restored's LastLSN
 * @param fullCheckpointLsn the restored full's CheckpointLSN, which a differential's
 *     DatabaseBackupLSN must equal
 * @param fullBackupSet the restored full's BackupSetGUID, which a differential's
 *     DifferentialBaseGUID must equal
 */
public record NativeChain(Lsn lsn, Lsn fullCheckpointLsn, UUID fullBackupSet) {

    /** The chain a full backup starts; refuses a backup that is not a full. */
    static NativeChain afterFull(String fileName, BackupHeader header) {
        if (header.type() != BackupType.FULL) {
            throw new RestoreFailure("backup file " + fileName + " is a " + header.type()
                    + " backup, but recovery_mode full needs a full database backup");
        }
        checkMedia(fileName, header);
        return new NativeChain(header.lastLsn(), header.checkpointLsn(), header.backupSetGuid());
    }

    /** Where the database stands after the log or differential backup; refuses what SQL Server would. */
    NativeChain apply(String fileName, String database, BackupHeader header) {
        checkMedia(fileName, header);
        if (header.type() == BackupType.DIFF) {
            boolean onTheFull = header.databaseBackupLsn().equals(fullCheckpointLsn)
                    && (header.differentialBaseGuid() == null
                            || Objects.equals(header.differentialBaseGuid(), fullBackupSet));
            // Modelled as the worse case: a differential that would take the database back is refused.
            if (!onTheFull || header.lastLsn().compareTo(lsn) < 0) {
                throw new RestoreFailure("This differential backup cannot be restored because the database has not been"
                        + " restored to the correct earlier state. (backup file " + fileName + ", database " + database
                        + ")");
            }
            return new NativeChain(header.lastLsn(), fullCheckpointLsn, fullBackupSet);
        }
        if (header.type() != BackupType.LOG) {
            throw new RestoreFailure("backup file " + fileName + " is a " + header.type()
                    + " backup, but recovery_mode incre needs a transaction log backup");
        }
        String prefix = "The log in this backup set (backup file " + fileName + ", database " + database + ")";
        if (header.firstLsn().compareTo(lsn) > 0) {
            throw new RestoreFailure(prefix + " begins at LSN " + header.firstLsn()
                    + ", which is too recent to apply to the database. An earlier log backup that includes LSN " + lsn
                    + " can be restored.");
        }
        if (header.lastLsn().compareTo(lsn) < 0) {
            throw new RestoreFailure(prefix + " terminates at LSN " + header.lastLsn()
                    + ", which is too early to apply to the database. A more recent log backup that includes LSN " + lsn
                    + " can be restored.");
        }
        return new NativeChain(header.lastLsn(), fullCheckpointLsn, fullBackupSet);
    }

    /** What no restore of a single file without a password can take, whatever the chain. */
    private static void checkMedia(String fileName, BackupHeader header) {
        if (header.familyCount() > 1) {
            throw new RestoreFailure("The media set has " + header.familyCount()
                    + " media families but only 1 are provided. All members must be provided. (backup file " + fileName
                    + ")");
        }
        if (header.mediaPassword()) {
            throw new RestoreFailure("The media set of backup file " + fileName
                    + " is protected by a password, and no password was given.");
        }
    }
}
