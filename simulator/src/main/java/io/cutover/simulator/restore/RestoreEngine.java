package io.cutover.simulator.restore;

import io.cutover.headers.BackupHeaderReader;
import io.cutover.headers.UnreadableBackupException;
import io.cutover.simulator.backupfile.BackupHeader;
import io.cutover.simulator.backupfile.BackupType;
import io.cutover.simulator.backupfile.SimulatedBackupFile;
import io.cutover.simulator.bucket.BackupBucket;
import io.cutover.simulator.bucket.StoredObject;
import io.cutover.simulator.validation.BackupFileRef;
import io.cutover.simulator.validation.CreateJobRequest;
import io.cutover.simulator.validation.FileSource;
import io.cutover.simulator.validation.RecoveryMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plays the target RDS for SQL Server instances: keeps, per instance and database, whether the
 * database is restoring or online and where its log chain stands, and decides how each job ends the
 * way SQL Server's RESTORE would.
 *
 * <ul>
 *   <li>A full backup starts (or, with is_cover, restarts) a database; without is_cover an existing
 *       database makes it fail.
 *   <li>An incre job needs an earlier successful full job with is_last_backup=false, and fails once
 *       a job with is_last_backup=true has brought the database online.
 *   <li>With is_precheck, a file missing from the bucket ends the job in PRECHECK FAILED; without
 *       it, in FAILED.
 *   <li>For SQL Server native backups (their MTF header read as the product reads it) SQL Server's
 *       own rules apply ({@link NativeChain}): a log must hold the database's LSN, a differential
 *       must be based on the restored full, striped and password-protected media are refused.
 *   <li>For simulated backups (see {@link SimulatedBackupFile}) the log chain is checked: the first
 *       log after a full must contain the full's last LSN (first_lsn &lt;= full.last_lsn &lt;
 *       log.last_lsn), each later log must start exactly where the previous one ended. A gap or an
 *       out-of-order file fails with SQL Server's wording, naming both LSNs. Files without a header
 *       pass unchecked, and the chain position is unknown after them.
 * </ul>
 *
 * <p>A database is known by the names in options.db_names when is_default_restore is false, else by
 * the database named in the file's header, else by the file name (see {@link
 * #databaseFromFileName}). Names compare case-insensitively, as SQL Server's default collation
 * does. A job is all or nothing: a job that fails changes no database.
 */
public final class RestoreEngine {

    /** Log-sequence or type suffixes that tooling appends to a database's name in file names. */
    private static final Pattern BACKUP_KIND_SUFFIX = Pattern.compile("(?i)_(full|log|diff|trn)(\\d*|_.*)$");

    private final BackupBucket bucket;
    private final Map<DatabaseKey, DatabaseState> databases = new HashMap<>();

    public RestoreEngine(BackupBucket bucket) {
        this.bucket = bucket;
    }

    /** Restores the job's files in order and says how the job ended. */
    public synchronized RestoreResult restore(CreateJobRequest request) {
        List<LocatedFile> located = new ArrayList<>();
        if (request.fileSource() == FileSource.OBS) {
            for (BackupFileRef file : request.files()) {
                Optional<String> problem = locate(request, file, located);
                if (problem.isPresent()) {
                    return request.precheck()
                            ? RestoreResult.precheckFailed("precheck failed: " + problem.get())
                            : RestoreResult.failed(problem.get(), List.of());
                }
            }
        } else {
            located.add(new LocatedFile(request.files().get(0), null));
        }

        Map<DatabaseKey, DatabaseState> changes = new HashMap<>();
        Set<String> touched = new LinkedHashSet<>();
        List<String> newNames = new ArrayList<>();
        for (LocatedFile file : located) {
            List<String> names;
            try {
                names = databasesOf(request, file);
            } catch (RestoreFailure failure) {
                return RestoreResult.failed(failure.getMessage(), List.copyOf(touched));
            }
            for (String database : names) {
                touched.add(database);
                DatabaseKey key = new DatabaseKey(request.targetInstanceId(), database);
                DatabaseState current = changes.containsKey(key) ? changes.get(key) : databases.get(key);
                try {
                    DatabaseState next = request.recoveryMode() == RecoveryMode.FULL
                            ? applyFull(request, file, database, current)
                            : applyLog(request, file, database, current);
                    changes.put(key, next);
                    if (!next.name().equalsIgnoreCase(database)) {
                        newNames.add(next.name());
                    }
                } catch (RestoreFailure failure) {
                    return RestoreResult.failed(failure.getMessage(), List.copyOf(touched));
                }
            }
        }
        changes.forEach((key, state) -> {
            databases.remove(key);
            databases.put(new DatabaseKey(key.instanceId(), state.name()), state);
        });
        return RestoreResult.success(List.copyOf(touched), newNames);
    }

    /** Where database {@code name} on instance {@code instanceId} stands, if it exists. */
    public synchronized Optional<DatabaseState> database(String instanceId, String name) {
        return Optional.ofNullable(databases.get(new DatabaseKey(instanceId, name)));
    }

    /** Forgets every database. */
    public synchronized void reset() {
        databases.clear();
    }

    /** Looks up how the files of a job look in the bucket, for show; unknown files are empty. */
    public List<FileInfo> describe(CreateJobRequest request) {
        List<FileInfo> infos = new ArrayList<>();
        for (BackupFileRef file : request.files()) {
            Optional<StoredObject> object = Optional.empty();
            if (request.fileSource() == FileSource.OBS) {
                try {
                    object = bucket.find(request.bucketName(), file.objectKey());
                } catch (IOException e) {
                    // Show still answers; the restore itself reports the unreadable file.
                }
            }
            infos.add(new FileInfo(
                    file.name(),
                    object.map(StoredObject::size).orElse(0L),
                    object.map(StoredObject::lastModified).orElse(null)));
        }
        return infos;
    }

    /**
     * The database a backup file belongs to, from its name, when neither options nor a header say:
     * the name without ".bak" and without a trailing backup-kind marker such as {@code _log1}, {@code
     * _LOG_20240101_120000} or {@code _FULL}, so that {@code ims.bak}, {@code ims_log1.bak} and
     * {@code ims_log2.bak} (the seed's example chain) all belong to {@code ims}.
     */
    public static String databaseFromFileName(String fileName) {
        String stem = fileName.endsWith(".bak") ? fileName.substring(0, fileName.length() - 4) : fileName;
        String database = BACKUP_KIND_SUFFIX.matcher(stem).replaceFirst("");
        return database.isEmpty() ? stem : database;
    }

    private Optional<String> locate(CreateJobRequest request, BackupFileRef file, List<LocatedFile> located) {
        String where = file.objectKey() + " in bucket " + request.bucketName();
        Optional<StoredObject> object;
        try {
            object = bucket.find(request.bucketName(), file.objectKey());
        } catch (IOException e) {
            return Optional.of("cannot read backup file " + where + ": " + e.getMessage());
        }
        if (object.isEmpty()) {
            return Optional.of("backup file " + where + " does not exist");
        }
        try {
            if (object.get().looksNative()) {
                located.add(new LocatedFile(
                        file, null, BackupHeaderReader.read(object.get().head())));
            } else {
                located.add(new LocatedFile(
                        file,
                        SimulatedBackupFile.parse(object.get().firstLine()).orElse(null)));
            }
            return Optional.empty();
        } catch (IllegalArgumentException | UnreadableBackupException e) {
            return Optional.of("backup file " + where + " is damaged: " + e.getMessage());
        }
    }

    private static List<String> databasesOf(CreateJobRequest request, LocatedFile file) {
        String inFile = file.database();
        if (!request.defaultRestore()) {
            if (inFile != null) {
                for (String name : request.dbNames()) {
                    if (!name.equalsIgnoreCase(inFile)) {
                        throw new RestoreFailure("database "
                                + name
                                + " is not in backup file "
                                + file.ref().name()
                                + ", which holds database "
                                + inFile);
                    }
                }
            }
            return request.dbNames();
        }
        if (inFile != null) {
            return List.of(inFile);
        }
        if (request.fileSource() == FileSource.RDS) {
            return List.of("rds-backup-"
                    + request.body().path("target_db_info").path("file_id").asText());
        }
        return List.of(databaseFromFileName(file.ref().name()));
    }

    private static DatabaseState applyFull(
            CreateJobRequest request, LocatedFile file, String database, DatabaseState current) {
        if (current != null && !request.cover()) {
            throw new RestoreFailure("database "
                    + database
                    + " already exists on instance "
                    + request.targetInstanceId()
                    + "; restore with is_cover=true to overwrite it");
        }
        if (file.nativeHeader() != null) {
            NativeChain chain = NativeChain.afterFull(file.ref().name(), file.nativeHeader());
            return new DatabaseState(renamed(request, database), request.lastBackup(), null, false, chain);
        }
        BackupHeader header = file.header();
        if (header != null && header.type() != BackupType.FULL) {
            throw new RestoreFailure("backup file "
                    + file.ref().name()
                    + " is a transaction log backup, but recovery_mode full needs a full backup");
        }
        String targetName = renamed(request, database);
        return new DatabaseState(targetName, request.lastBackup(), header == null ? null : header.lastLsn(), false);
    }

    private static DatabaseState applyLog(
            CreateJobRequest request, LocatedFile file, String database, DatabaseState current) {
        String instance = request.targetInstanceId();
        if (current == null) {
            throw new RestoreFailure("no full backup of database "
                    + database
                    + " has been restored on instance "
                    + instance
                    + ": an incre job needs an earlier successful full job with is_last_backup=false");
        }
        if (current.online()) {
            throw new RestoreFailure("database "
                    + database
                    + " on instance "
                    + instance
                    + " is already online (a backup with is_last_backup=true was restored):"
                    + " no more log backups can be applied");
        }
        if (file.nativeHeader() != null) {
            NativeChain chain = current.nativeChain() == null
                    ? null
                    : current.nativeChain().apply(file.ref().name(), database, file.nativeHeader());
            return new DatabaseState(current.name(), request.lastBackup(), null, true, chain);
        }
        BackupHeader header = file.header();
        if (header == null) {
            return new DatabaseState(current.name(), request.lastBackup(), null, true);
        }
        if (header.type() != BackupType.LOG) {
            throw new RestoreFailure("backup file "
                    + file.ref().name()
                    + " is a full backup, but recovery_mode incre needs a transaction log backup");
        }
        if (current.nextLsn() != null) {
            checkChain(file.ref().name(), database, header, current);
        }
        return new DatabaseState(current.name(), request.lastBackup(), header.lastLsn(), true);
    }

    private static void checkChain(String fileName, String database, BackupHeader header, DatabaseState current) {
        long expected = current.nextLsn();
        String prefix = "log chain broken for database " + database + ": the log in backup file " + fileName;
        if (header.firstLsn() > expected) {
            throw new RestoreFailure(prefix
                    + " begins at LSN "
                    + header.firstLsn()
                    + ", which is too recent to apply to the database. An earlier log backup that"
                    + " includes LSN "
                    + expected
                    + " can be restored.");
        }
        if (header.lastLsn() <= expected) {
            throw new RestoreFailure(prefix
                    + " terminates at LSN "
                    + header.lastLsn()
                    + ", which is too early to apply to the database. A more recent log backup that"
                    + " includes LSN "
                    + expected
                    + " can be restored.");
        }
        if (current.logApplied() && header.firstLsn() != expected) {
            throw new RestoreFailure(prefix
                    + " begins at LSN "
                    + header.firstLsn()
                    + ", before LSN "
                    + expected
                    + " where the previous log backup ended: log backups submitted out of order.");
        }
    }

    private static String renamed(CreateJobRequest request, String database) {
        for (Map.Entry<String, String> rename : request.renames().entrySet()) {
            if (rename.getKey().isEmpty() || rename.getKey().equalsIgnoreCase(database)) {
                return rename.getValue();
            }
        }
        return database;
    }

    /** A database on an instance; names compare case-insensitively. */
    private record DatabaseKey(String instanceId, String lowerCaseName) {
        DatabaseKey {
            lowerCaseName = lowerCaseName.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A file of the job as found in the bucket.
     *
     * @param header its simulated-backup header, or null
     * @param nativeHeader its SQL Server native backup header, or null
     */
    private record LocatedFile(BackupFileRef ref, BackupHeader header, io.cutover.headers.BackupHeader nativeHeader) {

        LocatedFile(BackupFileRef ref, BackupHeader header) {
            this(ref, header, null);
        }

        /** The database its header names, or null. */
        String database() {
            return nativeHeader != null ? nativeHeader.databaseName() : header != null ? header.database() : null;
        }
    }
}
