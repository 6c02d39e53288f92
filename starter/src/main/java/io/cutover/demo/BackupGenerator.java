package io.cutover.demo;

import io.cutover.headers.BackupHeader;
import io.cutover.headers.BackupHeaderWriter;
import io.cutover.headers.BackupType;
import io.cutover.headers.Lsn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Writes one database's backups into a local bucket the way a DBA's backup job (Ola Hallengren's
 * naming) uploads them: a full backup, then log backups that continue its LSN chain. Each is a
 * SQL Server native backup as far as its header goes (real MTF blocks with chosen LSNs, then data
 * padding), so the demo's campaign plans its chain by reading headers, and the simulator restores
 * by them as SQL Server would. Each file is written beside the bucket and moved in whole, so
 * discovery never sees half a file.
 */
public final class BackupGenerator {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    /** Log blocks each backup covers: the LSNs advance by this many blocks of the VLF. */
    private static final long BLOCKS_PER_BACKUP = 1_000;

    private static final int DATA_BYTES = 4096;
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(5);

    private final Path bucketRoot;
    private final String bucket;
    private final String prefix;
    private final String database;
    private final String serverPrefix;
    private final String fullBackupKey;
    private LocalDateTime nameClock;
    private BackupHeader last;

    /**
     * @param bucketRoot the folder holding one folder per bucket
     * @param bucket the bucket's folder name
     * @param prefix the key prefix, e.g. "orders/"
     * @param database the database the backups are of
     * @param serverPrefix Ola Hallengren's {Server}${Instance} part, e.g. DEMO$SQL
     * @param firstBackupTime the time named in the full backup; each log backup is 5 minutes later
     */
    public BackupGenerator(
            Path bucketRoot,
            String bucket,
            String prefix,
            String database,
            String serverPrefix,
            LocalDateTime firstBackupTime) {
        this.bucketRoot = bucketRoot;
        this.bucket = bucket;
        this.prefix = prefix;
        this.database = database;
        this.serverPrefix = serverPrefix;
        this.nameClock = firstBackupTime;
        this.fullBackupKey = key("FULL", firstBackupTime, ".bak");
    }

    /** The key the full backup gets (known before it is written: the spec names it). */
    public String fullBackupKey() {
        return fullBackupKey;
    }

    /** Writes the full backup; returns its key. */
    public synchronized String writeFull() {
        Lsn first = new Lsn(40, BLOCKS_PER_BACKUP, 1);
        last = BackupHeader.builder()
                .databaseName(database)
                .serverName(serverPrefix.replace('$', '\\'))
                .type(BackupType.FULL)
                .firstLsn(first)
                .lastLsn(new Lsn(40, 2 * BLOCKS_PER_BACKUP, 1))
                .checkpointLsn(first)
                .databaseBackupLsn(new Lsn(0, 0, 0))
                .backupSetGuid(UUID.nameUUIDFromBytes(fullBackupKey.getBytes()))
                .backupStartDate(nameClock)
                .timeZoneQuarterHours(0)
                .build();
        return write(fullBackupKey(), last);
    }

    /** The key the next log backup will get: an operator can name the tail-log before it exists. */
    public synchronized String nextLogKey() {
        return key("LOG", nameClock.plus(LOG_INTERVAL), ".trn");
    }

    /** Writes the next log backup of the chain; returns its key. */
    public synchronized String writeLog() {
        if (last == null) {
            throw new IllegalStateException("a log backup needs the full backup first");
        }
        String key = nextLogKey();
        nameClock = nameClock.plus(LOG_INTERVAL);
        Lsn from = last.lastLsn();
        last = last.toBuilder()
                .type(BackupType.LOG)
                .firstLsn(from)
                .lastLsn(new Lsn(from.vlf(), from.block() + BLOCKS_PER_BACKUP, 1))
                .databaseBackupLsn(last.type() == BackupType.FULL ? last.checkpointLsn() : last.databaseBackupLsn())
                .backupSetGuid(UUID.nameUUIDFromBytes(key.getBytes()))
                .backupStartDate(nameClock)
                .build();
        return write(key, last);
    }

    private String key(String type, LocalDateTime time, String extension) {
        return prefix + serverPrefix + "_" + database + "_" + type + "_" + STAMP.format(time) + extension;
    }

    private String write(String key, BackupHeader header) {
        try {
            Path target = bucketRoot.resolve(bucket).resolve(key);
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(bucketRoot, "upload-", ".part");
            Files.write(partial, BackupHeaderWriter.write(header, DATA_BYTES));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + key, e);
        }
    }
}
