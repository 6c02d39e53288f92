package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpecValidator;
import io.cutover.spec.CampaignSpecs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Specs as a person writes them (issue 15): the minimal one with every default, every problem of a
 * file at once with its line in plain words, and {@code cutover init}. No Temporal server: nothing
 * here gets past --dry-run.
 */
class SpecFileTest {

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CutoverCli.commandLine(
                connection -> {
                    throw new AssertionError("no Temporal server is needed for " + String.join(" ", args));
                },
                new BufferedReader(new StringReader("")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String MINIMAL = """
            campaignId: orders-cutover
            target:
              instanceId: 6b1c2d3e4f5a4b6c8d9e0f1a2b3c4d5ein04
            source:
              bucket: sql-backups
              prefix: orders/
              fullBackup: orders/SRV$SQL_orders_FULL_20260101_010000.bak
              database: orders
            """;

    @Test
    void theMinimalSpecRunsWithTheDefaultsTheProductKnows() throws IOException {
        Path file = write("minimal.yaml", MINIMAL);

        CampaignSpec spec = SpecFile.read(file);

        assertEquals(List.of(), CampaignSpecValidator.validate(spec));
        assertEquals(CampaignSpec.Mode.FULL_AND_INCREMENTAL, spec.mode());
        assertEquals(CampaignSpecs.DEFAULT_TIMING, spec.timing());
        assertEquals(CampaignSpecs.DEFAULT_RESTORE, spec.restore());
        assertEquals("orders-cutover", spec.jobNamePrefix());
        assertEquals("drs-staging/orders-cutover/", spec.source().stagingPrefix());
        assertEquals("OLA_HALLENGREN", spec.source().naming().convention().name());

        Result dryRun = run("start", "--dry-run", file.toString());
        assertEquals(0, dryRun.exitCode(), dryRun.err());
        assertTrue(dryRun.out().contains("timing.pollIntervalSeconds: 60  (default)"), dryRun.out());
        assertTrue(dryRun.out().contains("mode: FULL_AND_INCREMENTAL  (default)"), dryRun.out());
        assertTrue(dryRun.out().contains("source.bucket: sql-backups\n"), "a value the file gave is not marked");
        assertTrue(dryRun.out().contains("dry run: the spec is valid"), dryRun.out());
    }

    /** Leaving a value empty ("cover:") is leaving it out: it takes its default. */
    @Test
    void anEmptyValueTakesItsDefault() throws IOException {
        Path file = write("empty.yaml", MINIMAL + "restore:\n  cover:\n  precheck: false\ntiming:\n  settleSeconds:\n");

        CampaignSpec spec = SpecFile.read(file);

        assertFalse(spec.restore().cover());
        assertFalse(spec.restore().precheck(), "a value given is kept");
        assertEquals(CampaignSpecs.DEFAULT_TIMING.settleSeconds(), spec.timing().settleSeconds());
    }

    /** Five mistakes, five messages in one run, each with its line, in plain words; exit code 4. */
    @Test
    void aSpecWithFiveMistakesGetsFiveMessagesAtOnce() throws IOException {
        Path file = write("five.yaml", """
                campaignId: orders-cutover
                target:
                  instanceId: 6b1c2d3e4f5a4b6c8d9e0f1a2b3c4d5ein04
                source:
                  bucket: SQL_Backups
                  prefix: orders/
                  fullBackup: orders/SRV$SQL_orders_FULL_20260101_010000.bak
                  naming:
                    convention: OLA
                  database: orders
                restore:
                  cover: yes please
                timing:
                  pollIntervalSecond: 30
                  settleSeconds: soon
                """);

        Result result = run("start", "--dry-run", file.toString());

        assertEquals(4, result.exitCode(), result.out());
        String text = result.err();
        assertTrue(text.contains("5 problems; nothing was started"), text);
        assertTrue(text.contains("line 5: source.bucket: "), text);
        assertTrue(
                text.contains("line 9: source.naming.convention: must be one of OLA_HALLENGREN, REGEX, LEXICAL;"
                        + " got \"OLA\""),
                text);
        assertTrue(text.contains("line 12: restore.cover: must be true or false; got \"yes please\""), text);
        assertTrue(
                text.contains("line 14: timing.pollIntervalSecond: is not a field here; did you mean"
                        + " pollIntervalSeconds?"),
                text);
        assertTrue(text.contains("line 15: timing.settleSeconds: must be a whole number; got \"soon\""), text);
        for (String libraryWords : List.of("com.fasterxml", "Cannot map", "DeserializationFeature", "Exception")) {
            assertFalse(text.contains(libraryWords), text);
        }
    }

    /** A wave spec is read the same way: its defaults filled, its members' mistakes named by line. */
    @Test
    void aWaveSpecsMistakesAreNamedByLineAndItsDefaultsFilled() throws IOException {
        String wave = """
                waveId: erp-wave
                defaults:
                  target:
                    instanceId: 6b1c2d3e4f5a4b6c8d9e0f1a2b3c4d5ein04
                  source:
                    bucket: sql-backups
                members:
                  - database: Orders
                    prefix: erp/orders/
                    fullBackup: erp/orders/full.bak
                  - database: Billing
                    prefx: erp/billing/
                    fullBackup: erp/billing/full.bak
                """;
        Result result = run("start", "--dry-run", write("wave.yaml", wave).toString());

        assertEquals(4, result.exitCode(), result.out());
        assertTrue(
                result.err().contains("line 12: members[1].prefx: is not a field here; did you mean prefix?"),
                result.err());

        Path fixed = write("fixed.yaml", wave.replace("prefx:", "prefix:"));
        Result dryRun = run("start", "--dry-run", fixed.toString());
        assertEquals(0, dryRun.exitCode(), dryRun.err());
        assertTrue(dryRun.out().contains("defaults.timing.pollIntervalSeconds: 60  (default)"), dryRun.out());
        assertTrue(dryRun.out().contains("wave erp-wave: 2 databases"), dryRun.out());
    }

    @Test
    void initWritesAMinimalSpecThatStartsAndRefusesToOverwrite() throws IOException {
        Path file = dir.resolve("orders.yaml");
        String[] flags = {
            "init",
            file.toString(),
            "--campaign-id=orders-cutover",
            "--target=6b1c2d3e4f5a4b6c8d9e0f1a2b3c4d5ein04",
            "--bucket=sql-backups",
            "--prefix=orders/",
            "--full-backup=orders/SRV$SQL_orders_FULL_20260101_010000.bak",
            "--database=orders"
        };

        Result written = run(flags);
        assertEquals(0, written.exitCode(), written.err());
        assertTrue(Files.readString(file).startsWith("# yaml-language-server: $schema="), "editors find the schema");
        Result dryRun = run("start", "--dry-run", file.toString());
        assertEquals(0, dryRun.exitCode(), dryRun.err());
        assertEquals("orders-cutover", SpecFile.read(file).campaignId());

        Files.writeString(file, "# mine\n");
        Result again = run(flags);
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("exists already; use --force"), again.err());
        assertEquals("# mine\n", Files.readString(file), "the operator's file is left alone");

        String[] forced = java.util.Arrays.copyOf(flags, flags.length + 1);
        forced[flags.length] = "--force";
        assertEquals(0, run(forced).exitCode());
        assertEquals("orders-cutover", SpecFile.read(file).campaignId());
    }
}
