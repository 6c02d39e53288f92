package io.cutover.simulator.validation;

/** backup_info.file_source. */
public enum FileSource {
    /** Backup files in an OBS bucket. */
    OBS,
    /** A full backup of an RDS instance. */
    RDS
}
