package io.cutover.simulator.backupfile;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a simulated backup file says about itself: the database it belongs to, whether it is a full
 * or a log backup, and the log sequence numbers it covers, [firstLsn, lastLsn) as SQL Server's
 * RESTORE HEADERONLY would report them.
 *
 * @param database the database name (no white space, so that the header stays one line)
 * @param type FULL or LOG
 * @param firstLsn the first LSN in the backup
 * @param lastLsn the LSN just after the last one in the backup; strictly greater than firstLsn
 */
public record BackupHeader(String database, BackupType type, long firstLsn, long lastLsn) {

    private static final Pattern DATABASE = Pattern.compile("[^\\s=]{1,128}");

    public BackupHeader {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(type, "type");
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "database must be 1 to 128 characters without white space or '=', got \"" + database + "\"");
        }
        if (firstLsn < 0 || lastLsn <= firstLsn) {
            throw new IllegalArgumentException(
                    "LSNs must satisfy 0 <= first_lsn < last_lsn, got first_lsn=" + firstLsn + " last_lsn=" + lastLsn);
        }
    }

    /** A full backup of {@code database} covering [firstLsn, lastLsn). */
    public static BackupHeader full(String database, long firstLsn, long lastLsn) {
        return new BackupHeader(database, BackupType.FULL, firstLsn, lastLsn);
    }

    /** A log backup of {@code database} covering [firstLsn, lastLsn). */
    public static BackupHeader log(String database, long firstLsn, long lastLsn) {
        return new BackupHeader(database, BackupType.LOG, firstLsn, lastLsn);
    }

    /**
     * The log backup that directly follows this backup in an unbroken chain: it starts where this one
     * ends and covers {@code length} LSNs. Lets tests build a valid chain, or a broken one by
     * skipping a link, without LSN arithmetic.
     */
    public BackupHeader nextLog(long length) {
        return log(database, lastLsn, lastLsn + length);
    }
}
