package io.cutover.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Writes a minimal campaign spec from flags, commented, that {@code cutover start} takes as it is:
 * every other field has its default (listed by {@code start --dry-run}). It never overwrites a
 * file unless asked to.
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Write a minimal campaign spec (YAML) from flags; every other field takes its default.",
            "Check it with: cutover start SPEC --dry-run"
        })
final class InitCommand implements Callable<Integer> {

    /** Where editors find the schema, relative to a spec written in the repository's root. */
    static final String SCHEMA_URL = "docs/campaign.schema.json";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "the file to write, e.g. orders.yaml")
    Path file;

    @Option(names = "--campaign-id", required = true, description = "the campaign's id (its workflow id)")
    String campaignId;

    @Option(names = "--target", required = true, description = "the RDS for SQL Server instance id")
    String target;

    @Option(names = "--bucket", required = true, description = "the OBS bucket holding the backups")
    String bucket;

    @Option(names = "--prefix", required = true, description = "where the log backups are uploaded")
    String prefix;

    @Option(names = "--full-backup", required = true, description = "the full backup's object key")
    String fullBackup;

    @Option(names = "--database", required = true, description = "the source database's name")
    String database;

    @Option(names = "--force", description = "overwrite the file if it exists")
    boolean force;

    @Override
    public Integer call() {
        String text = """
                # yaml-language-server: $schema=%s
                # A campaign spec written by `cutover init`: full restore, every log backup, then the
                # operator's cutover. Every field left out takes its default; see them all with
                #   cutover start %s --dry-run
                # and the table of fields in the README ("3. Starting a campaign").
                campaignId: %s
                target:
                  instanceId: %s            # the RDS for SQL Server instance
                source:
                  bucket: %s
                  prefix: %s                # where the log backups are uploaded
                  fullBackup: %s
                  database: %s
                """.formatted(
                        SCHEMA_URL,
                        file,
                        quoted(campaignId),
                        quoted(target),
                        quoted(bucket),
                        quoted(prefix),
                        quoted(fullBackup),
                        quoted(database));
        try {
            if (force) {
                Files.writeString(file, text);
            } else {
                Files.writeString(file, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            throw new CliFailure(CliFailure.USAGE, file + " exists already; use --force to overwrite it");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, file + ": cannot be written: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + file + "; check it with: cutover start " + file + " --dry-run");
        return 0;
    }

    /** A YAML scalar in double quotes: object keys may hold '$', ':' or '#'. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
