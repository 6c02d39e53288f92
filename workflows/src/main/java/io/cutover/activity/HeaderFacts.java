package io.cutover.activity;

import io.cutover.headers.BackupHeader;
import io.cutover.headers.BackupType;
import io.cutover.headers.Lsn;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What a backup's header says about its place in the chain, as the campaign carries it with the
 * file: read once from the object, never again. LSNs are in RESTORE HEADERONLY's decimal form.
 *
 * @param type FULL, DIFF, LOG or another kind
 * @param database DatabaseName
 * @param server ServerName
 * @param firstLsn FirstLSN
 * @param lastLsn LastLSN
 * @param checkpointLsn CheckpointLSN (a full's: the base its differentials name)
 * @param databaseBackupLsn DatabaseBackupLSN: the CheckpointLSN of the full it depends on
 * @param differentialBaseGuid a differential's base full (that full's BackupSetGUID), else null
 * @param backupSetGuid BackupSetGUID
 * @param startedAt BackupStartDate, the source server's local time (ISO, no zone)
 * @param softwareMajor SoftwareVersionMajor of the SQL Server that took it (10: 2008 R2, 16: 2022)
 * @param familyCount above 1: striped over several files
 * @param mediaPassword whether the media has a password
 * @param startedAtMillis BackupStartDate in UTC (epoch milliseconds) by the server's time zone in
 *     the header, or -1 when the header does not say it
 */
public record HeaderFacts(
        BackupType type,
        String database,
        String server,
        String firstLsn,
        String lastLsn,
        String checkpointLsn,
        String databaseBackupLsn,
        String differentialBaseGuid,
        String backupSetGuid,
        String startedAt,
        int softwareMajor,
        int familyCount,
        boolean mediaPassword,
        long startedAtMillis) {

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    /** The facts of a header as the reader found them. */
    public static HeaderFacts of(BackupHeader header) {
        return new HeaderFacts(
                header.type(),
                header.databaseName(),
                header.serverName(),
                text(header.firstLsn()),
                text(header.lastLsn()),
                text(header.checkpointLsn()),
                text(header.databaseBackupLsn()),
                header.differentialBaseGuid() == null
                        ? null
                        : header.differentialBaseGuid().toString(),
                header.backupSetGuid() == null ? null : header.backupSetGuid().toString(),
                header.backupStartDate().toString(),
                Integer.parseInt(header.softwareVersion().split("\\.")[0]),
                header.familyCount(),
                header.mediaPassword(),
                header.backupStartInstant() == null
                        ? -1
                        : header.backupStartInstant().toEpochMilli());
    }

    /**
     * The key the campaign orders a chain by: LastLSN, then FirstLSN, then the start date, each
     * sortable as text. A log that moves the database forward sorts after the one before it; a log
     * without records (FirstLSN = LastLSN) sorts after the log that ended there and before the next.
     */
    public String orderKey() {
        return Lsn.parse(lastLsn).sortable() + "." + Lsn.parse(firstLsn).sortable() + "."
                + LocalDateTime.parse(startedAt).format(COMPACT);
    }

    /** The LastLSN an order key made by {@link #orderKey} starts with. */
    public static Lsn lastLsnOf(String orderKey) {
        return Lsn.parse(orderKey.substring(0, orderKey.indexOf('.')));
    }

    /** "LOG of Sales, LSN 39000000048800071 to 39000000058800001, taken 2019-05-02T21:15:56". */
    public String describe() {
        return type + " of " + database + ", LSN " + firstLsn + " to " + lastLsn + ", taken " + startedAt;
    }

    private static String text(Lsn lsn) {
        return lsn == null ? null : lsn.toString();
    }
}
