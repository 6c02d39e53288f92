package io.cutover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.backup.BackupStore;
import io.cutover.headers.BackupHeader;
import io.cutover.headers.BackupHeaderReader;
import io.cutover.headers.BackupType;
import io.cutover.headers.UnreadableBackupException;
import io.cutover.worker.CampaignRegistration;
import io.cutover.worker.config.ConfigLoader;
import io.cutover.worker.config.WorkerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** RESTORE HEADERONLY without SQL Server: what each backup file's header says about its place in the chain. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Show what SQL Server backup files say about themselves (database, type, LSN range, "
                + "differential base, ...), read from their headers without SQL Server. Exit 0 when every file was "
                + "read, 1 otherwise.")
final class InspectCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "one JSON object per line, as RESTORE HEADERONLY's columns")
    boolean json;

    @Option(
            names = "--config",
            paramLabel = "WORKER.yaml",
            description = "read object keys of this worker configuration's backup store (its first 64 KiB: one"
                    + " ranged GET each) instead of local files; secrets come from the environment as for the worker")
    Path workerConfig;

    @Option(names = "--bucket", description = "the bucket of the object keys, with --config")
    String bucket;

    @Parameters(
            paramLabel = "FILE",
            arity = "1..*",
            description = "backup files (.bak, .trn), or object keys with --config")
    List<String> files;

    @Override
    public Integer call() {
        if ((workerConfig == null) != (bucket == null)) {
            throw new CliFailure(
                    CliFailure.USAGE,
                    "--config and --bucket go together: object keys are read from a bucket" + " of the worker's store");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean allRead = true;
        try (BackupStore store = workerConfig == null ? null : store()) {
            for (String file : files) {
                BackupHeader header = null;
                String error = null;
                try {
                    header = BackupHeaderReader.read(prefix(store, file));
                } catch (UnreadableBackupException e) {
                    error = e.getMessage();
                } catch (IOException | RuntimeException e) {
                    error = "cannot be read: " + e.getMessage();
                }
                allRead &= error == null;
                out.println(json ? json(file, header, error) : text(file, header, error));
            }
        }
        out.flush();
        return allRead ? 0 : 1;
    }

    private BackupStore store() {
        WorkerConfig config = ConfigLoader.load(workerConfig, System.getenv());
        return CampaignRegistration.backupStore(config.store(), System.getenv());
    }

    private byte[] prefix(BackupStore store, String file) throws IOException {
        if (store != null) {
            return store.readFirstBytes(bucket, file, BackupHeaderReader.PREFIX_BYTES);
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return in.readNBytes(BackupHeaderReader.PREFIX_BYTES);
        }
    }

    private static String text(String file, BackupHeader header, String error) {
        if (header == null) {
            return file + "\n  unreadable: " + error;
        }
        return file + "\n  " + header.type() + " of " + header.databaseName() + " on " + header.serverName()
                + ", taken " + header.backupStartDate() + " (SQL Server " + header.softwareVersion()
                + ", database version "
                + header.databaseVersion() + ")\n  LSN " + header.firstLsn() + " to " + header.lastLsn()
                + ", checkpoint "
                + header.checkpointLsn()
                + (header.type() == BackupType.FULL ? "" : ", based on the full at " + header.databaseBackupLsn())
                + (header.differentialBaseGuid() == null ? "" : ", differential base " + header.differentialBaseGuid())
                + "\n  backup set " + header.backupSetGuid() + ", position " + header.position() + ", family "
                + header.familySequenceNumber() + " of " + header.familyCount()
                + (header.mediaPassword() ? ", media password" : "");
    }

    private static String json(String file, BackupHeader header, String error) {
        ObjectNode line = JSON.createObjectNode();
        line.put("file", file);
        if (header != null) {
            line.put("databaseName", header.databaseName());
            line.put("serverName", header.serverName());
            line.put("backupType", header.type().name());
            line.put("firstLsn", header.firstLsn().toString());
            line.put("lastLsn", header.lastLsn().toString());
            line.put("checkpointLsn", header.checkpointLsn().toString());
            line.put("databaseBackupLsn", header.databaseBackupLsn().toString());
            line.put(
                    "differentialBaseGuid",
                    header.differentialBaseGuid() == null
                            ? null
                            : header.differentialBaseGuid().toString());
            line.put(
                    "backupSetGuid",
                    header.backupSetGuid() == null
                            ? null
                            : header.backupSetGuid().toString());
            line.put("backupStartDate", header.backupStartDate().toString());
            line.put("databaseVersion", header.databaseVersion());
            line.put("familyCount", header.familyCount());
            line.put("position", header.position());
        }
        line.put("error", error);
        try {
            return JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
