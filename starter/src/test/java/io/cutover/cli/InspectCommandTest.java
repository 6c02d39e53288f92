package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `cutover inspect`: RESTORE HEADERONLY without SQL Server, on real backup headers (see the NOTICE). */
class InspectCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sqlserver-backups/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private final StringWriter err = new StringWriter();

    private int inspect(StringWriter out, String... args) {
        CommandLine cli = CutoverCli.commandLine(connection -> null, new BufferedReader(new StringReader("")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void jsonLinesSayWhatEachHeaderSaysAndAnUnreadableFileFailsTheRunWithItsReason() throws IOException {
        Path full = fixture("RestoreTimeClean.bak");
        Path diff = fixture("RestoreTimeClean2.bak");
        Path junk = Files.writeString(dir.resolve("notes.trn"), "not a backup at all");
        StringWriter out = new StringWriter();

        int code = inspect(out, "inspect", "--json", full.toString(), diff.toString(), junk.toString());

        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("RestoreTimeClean", first.get("databaseName").asText());
        assertEquals("FULL", first.get("backupType").asText());
        assertTrue(first.get("firstLsn").asText().matches("\\d+"), first.toString());
        assertTrue(first.get("error").isNull());
        JsonNode second = JSON.readTree(lines.get(1));
        assertEquals("DIFF", second.get("backupType").asText());
        assertEquals(
                first.get("checkpointLsn").asText(),
                second.get("databaseBackupLsn").asText(),
                "based on the full");
        assertEquals(
                first.get("backupSetGuid").asText(),
                second.get("differentialBaseGuid").asText());
        assertTrue(JSON.readTree(lines.get(2)).get("error").asText().contains("not a SQL Server native backup"));
        assertEquals(1, code, "a file could not be read");
    }

    @Test
    void everyFileReadExitsZeroWithAReadableSummary() throws IOException {
        StringWriter out = new StringWriter();

        int code = inspect(out, "inspect", fixture("RestoreTimeClean.bak").toString());

        assertEquals(0, code);
        assertTrue(out.toString().contains("FULL of RestoreTimeClean on "), out.toString());
        assertTrue(out.toString().contains("family 1 of 1"), out.toString());
    }

    /** With a worker's configuration, object keys of its store are read (here a local folder store). */
    @Test
    void objectKeysOfTheWorkersStoreAreReadWithItsConfiguration() throws IOException {
        Path bucket =
                Files.createDirectories(dir.resolve("root").resolve("backups").resolve("sales"));
        Files.copy(fixture("RestoreTimeClean2.bak"), bucket.resolve("RestoreTimeClean2.bak"));
        Path config = Files.writeString(dir.resolve("worker.yaml"), """
                temporal:
                  address: 127.0.0.1:7233
                  namespace: default
                  taskQueue: cutover
                drs:
                  endpoint: http://127.0.0.1:1
                  projectId: 0123456789abcdef0123456789abcdef
                  region: local
                  auth:
                    method: TOKEN
                    tokenFile: %s
                store:
                  type: LOCAL
                  local:
                    root: %s
                """.formatted(
                        Files.writeString(dir.resolve("token"), "unused"), dir.resolve("root")));
        StringWriter out = new StringWriter();

        int code = inspect(
                out,
                "inspect",
                "--json",
                "--config",
                config.toString(),
                "--bucket",
                "backups",
                "sales/RestoreTimeClean2.bak",
                "sales/missing.trn");

        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), () -> out + " / " + err);
        assertEquals("DIFF", JSON.readTree(lines.get(0)).get("backupType").asText(), out.toString());
        assertTrue(JSON.readTree(lines.get(1)).get("error").asText().startsWith("cannot be read"), lines.get(1));
        assertEquals(1, code);
    }
}
