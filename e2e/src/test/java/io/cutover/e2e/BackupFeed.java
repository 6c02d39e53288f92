package io.cutover.e2e;

import io.cutover.simulator.backupfile.BackupHeader;
import io.cutover.simulator.backupfile.SimulatedBackupFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A SQL Server's backup job as the bucket sees it: one full backup, then a log backup every
 * interval, named by Ola Hallengren's convention and carrying the simulator's LSN header so that
 * the simulator checks the chain as SQL Server would. Each file is uploaded whole.
 */
public final class BackupFeed implements AutoCloseable {

    public static final String BUCKET = "e2e-backups";
    public static final String SERVER = "SQL01";
    private static final DateTimeFormatter OLA =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
    private static final Instant FIRST_BACKUP_TIME = Instant.parse("2026-03-01T20:00:00Z");
    private static final Duration BACKUP_SPACING = Duration.ofMinutes(5);
    private static final long LOG_LENGTH = 100;

    private final S3Server bucketServer;
    private final String database;
    private final String prefix;
    private final int maxLogs;
    private final List<WrittenBackup> written = new ArrayList<>();
    private final Map<String, Instant> writtenAt = new HashMap<>();
    private final ScheduledExecutorService scheduler;
    /** The time slot of the next backup's name (the full's is 0): a withheld log keeps its slot. */
    private int nextSlot;
    /** A log backup left out of the bucket by {@link #writeAfterAGapNow()}, or null. */
    private WrittenBackup withheld;

    /** One backup file the feed put into the bucket. */
    public record WrittenBackup(String key, BackupHeader header) {}

    private BackupFeed(S3Server bucketServer, String database, int maxLogs) {
        this.bucketServer = bucketServer;
        this.database = database;
        this.prefix = "sql01/" + database.toLowerCase() + "/";
        this.maxLogs = maxLogs;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backup-feed-" + database);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Writes the full backup now, then a log backup every {@code interval}, at most {@code maxLogs}
     * of them: the feed stops by itself.
     */
    public static BackupFeed start(S3Server bucketServer, String database, Duration interval, int maxLogs) {
        return start(bucketServer, database, 0, interval, maxLogs);
    }

    /** Like {@link #start(S3Server, String, Duration, int)}, with {@code backlog} logs written at once. */
    static BackupFeed start(S3Server bucketServer, String database, int backlog, Duration interval, int maxLogs) {
        BackupFeed feed = new BackupFeed(bucketServer, database, maxLogs);
        feed.writeFull();
        for (int i = 0; i < backlog; i++) {
            feed.writeNextLog();
        }
        feed.scheduler.scheduleWithFixedDelay(
                feed::writeNextLog, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return feed;
    }

    public String bucket() {
        return BUCKET;
    }

    public String prefix() {
        return prefix;
    }

    public synchronized String fullKey() {
        return written.get(0).key();
    }

    /** Everything written so far, the full first, then the logs in chain order. */
    public synchronized List<WrittenBackup> written() {
        return List.copyOf(written);
    }

    /** The header of a key in the bucket (a staged copy carries its original's header). */
    public BackupHeader headerOf(String key) {
        try (InputStream content = bucketServer.open(BUCKET, key)) {
            return SimulatedBackupFile.read(content)
                    .orElseThrow(() -> new AssertionError(key + " is not a simulated backup"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    /** When the upload of {@code key} finished, by this JVM's clock; null if the feed did not write it. */
    public synchronized Instant writtenAt(String key) {
        return writtenAt.get(key);
    }

    /** Stops writing log backups; once it returns, {@link #written()} is final. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the backup feed of " + database + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private synchronized void writeFull() {
        write("FULL", "bak", BackupHeader.full(database, 1_000, 2_000));
    }

    /**
     * Writes the next log backup now, besides the schedule and beyond its {@code maxLogs}, as the
     * log backup taken once the application has stopped; returns it.
     */
    public synchronized WrittenBackup writeNextLogNow() {
        appendLog();
        return written.get(written.size() - 1);
    }

    /** The key {@link #writeNextLogNow()} will write: an operator names the tail-log backup before taking it. */
    public synchronized String nextLogKey() {
        return key("LOG", "trn", nextSlot);
    }

    /** The key of the log backup {@code n} places ahead (1: the next one, as {@link #nextLogKey()}). */
    public synchronized String logKeyAhead(int n) {
        return key("LOG", "trn", nextSlot + n - 1);
    }

    /**
     * Leaves the next log backup out of the bucket (a copy job that failed on that one file) and
     * writes the one after it now: its restore fails on the LSN gap. {@link #writeWithheldNow()}
     * uploads the one left out. Returns the one written.
     */
    public synchronized WrittenBackup writeAfterAGapNow() {
        BackupHeader previous = written.get(written.size() - 1).header();
        BackupHeader missing = previous.nextLog(LOG_LENGTH);
        withheld = new WrittenBackup(key("LOG", "trn", nextSlot++), missing);
        write("LOG", "trn", missing.nextLog(LOG_LENGTH));
        return written.get(written.size() - 1);
    }

    /** Uploads the log backup {@link #writeAfterAGapNow()} left out, in its place in the chain. */
    public synchronized WrittenBackup writeWithheldNow() {
        WrittenBackup late = withheld;
        withheld = null;
        bucketServer.put(
                BUCKET,
                late.key(),
                SimulatedBackupFile.toBytes(late.header(), SimulatedBackupFile.DEFAULT_FILLER_BYTES));
        int place = 0;
        while (place < written.size()
                && written.get(place).header().lastLsn() <= late.header().firstLsn()) {
            place++;
        }
        written.add(place, late);
        writtenAt.put(late.key(), Instant.now());
        return late;
    }

    private synchronized void writeNextLog() {
        if (written.size() - 1 >= maxLogs) {
            scheduler.shutdown();
            return;
        }
        appendLog();
    }

    private void appendLog() {
        int logs = written.size() - 1;
        BackupHeader previous = written.get(written.size() - 1).header();
        // The first log overlaps the full (it starts before the full's last LSN), as SQL Server's does.
        BackupHeader next = logs == 0
                ? BackupHeader.log(database, previous.lastLsn() - LOG_LENGTH / 2, previous.lastLsn() + LOG_LENGTH)
                : previous.nextLog(LOG_LENGTH);
        write("LOG", "trn", next);
    }

    private String key(String type, String extension, int index) {
        Instant takenAt = FIRST_BACKUP_TIME.plus(BACKUP_SPACING.multipliedBy(index));
        return prefix + SERVER + "_" + database + "_" + type + "_" + OLA.format(takenAt) + "." + extension;
    }

    private void write(String type, String extension, BackupHeader header) {
        String key = key(type, extension, nextSlot++);
        bucketServer.put(BUCKET, key, SimulatedBackupFile.toBytes(header, SimulatedBackupFile.DEFAULT_FILLER_BYTES));
        written.add(new WrittenBackup(key, header));
        writtenAt.put(key, Instant.now());
    }
}
