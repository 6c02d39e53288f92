package io.cutover.simulator.backupfile;

/** The kind of SQL Server backup a simulated file stands for. */
public enum BackupType {
    /** A full database backup: anchors a restore chain. */
    FULL,
    /** A transaction log backup: continues a chain. */
    LOG
}
