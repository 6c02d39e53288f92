package io.cutover.demo;

import io.cutover.simulator.backupfile.BackupHeader;
import io.cutover.simulator.backupfile.SimulatedBackupFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes one database's backups into a local bucket the way a DBA's backup job (Ola Hallengren's
 * naming) uploads them: a full backup, then log backups that continue its LSN chain. Each file is
 * written beside the bucket and moved in whole, so discovery never sees half a file.
 */
public final class BackupGenerator {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final long LSNS_PER_BACKUP = 1_000;
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
        last = BackupHeader.full(database, LSNS_PER_BACKUP, 2 * LSNS_PER_BACKUP);
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
        last = last.nextLog(LSNS_PER_BACKUP);
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
            SimulatedBackupFile.write(partial, header);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + key, e);
        }
    }
}
