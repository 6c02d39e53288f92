package io.cutover.e2e.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fault suite's figures: one line per measured figure, with its target and whether it was
 * met. The suite prints it and writes it into docs/RELIABILITY.md even when a row fails, so that
 * a missed figure is seen beside the others.
 */
final class ReliabilityTable {

    /** One figure of one row, e.g. "duplicate jobs" of the worker-kill row. */
    record Figure(String row, String scenario, String figure, String measured, String target, boolean met) {}

    private final List<Figure> figures = new ArrayList<>();

    synchronized void add(String row, String scenario, String figure, long measured, long target) {
        figures.add(new Figure(row, scenario, figure, Long.toString(measured), "= " + target, measured == target));
    }

    synchronized void addAtLeast(String row, String scenario, String figure, long measured, long minimum) {
        figures.add(new Figure(row, scenario, figure, Long.toString(measured), ">= " + minimum, measured >= minimum));
    }

    /** A row that could not be measured (its test failed before its figures): a failed line. */
    synchronized void addFailure(String row, String scenario, Throwable failure) {
        String reason = String.valueOf(failure.getMessage())
                .lines()
                .findFirst()
                .orElse("")
                .replace('|', '/');
        figures.add(new Figure(row, scenario, "run failed: " + truncate(reason), "-", "completes", false));
    }

    synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    synchronized String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| row | scenario | figure | measured | target | met |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            table.append("| ")
                    .append(String.join(
                            " | ",
                            f.row(),
                            f.scenario(),
                            f.figure(),
                            f.measured(),
                            f.target(),
                            f.met() ? "yes" : "**NO**"))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Rewrites docs/RELIABILITY.md: what was run, at which scale, with which command, and the table. */
    void writeDocument(Path file, String command, String scale, long suiteSeconds) {
        String failed = figures().stream()
                .filter(f -> !f.met())
                .map(f -> f.row() + " " + f.figure())
                .collect(Collectors.joining(", "));
        String text = """
        # Reliability: the fault suite's figures

        Written by `e2e/src/test/java/io/cutover/e2e/faults/FaultSuiteIT.java` on every run; do not
        edit by hand. Everything runs on 127.0.0.1: the Temporal CLI's dev server (SQLite file), the
        worker jar and the DRS simulator jar each in its own JVM, s3proxy in the test JVM.

        Command (after `.ci/install-tools`):

        ```bash
        %s
        ```

        Scale of this run: %s

        Last run: %s, %d s for the whole suite. Figures missing their target: %s.

        %s
        ## What each row does

        1. **Worker SIGKILL**: runs of one campaign each, a wave of them at a time (started 3 s
           apart) sharing one worker. Every run has the worker killed at a seeded moment of its own
           life, the point rotating over the runs: while its full restores (just after the full's
           job was made), right after its k-th create took effect (before the worker could record
           the answer; k seeded), mid catch-up (a seeded delay after its n-th job succeeded), or
           during its cutover (a seeded delay after the operator's cutover was accepted). The
           runs beside it suffer each kill too. One kill at a time: a run whose full-restore or
           create moment comes while another run's kill is under way is killed right after its
           next create instead (counted there); the other points wait for the worker to be back.
           A new worker starts 2 s after each kill. In rows 1 to 4 the source writes all but one
           of the campaign's files by itself; once they are written and the full is restored, one
           last log backup is taken and the operator's cutover names it final (`temporal workflow
           update execute --name requestCutover`). Figures come from the simulator's record, per run and summed: jobs per file
           (duplicates), files of the chain up to the final one without a job (lost), LSN order of
           the jobs (out of order), is_last_backup count (must be 1), and the report's phase.
        2. **Temporal restart**: the dev server stopped (SIGTERM) and started again on its database
           file mid-campaign.
        3. **DRS faults**, all at once from the simulator: 20%% of every call answered 5xx, 10%%
           throttled (429, Retry-After 1 s), 10%% timed out (handled, a create makes its job, then
           answered only after 5 s, past the worker's 3 s DRS call timeout), 200 ms latency on
           every call, and 10%% of creates whose answer is lost after the job was made (the
           connection closes). The OBS row runs beside it and sees these faults too.
        4. **OBS faults**: the S3 server stopped for 4 s mid-campaign (listings and copies fail),
           then every listing answered 2.5 s late (the campaigns poll every second) while two late
           files (order keys older than applied ones) and a duplicate (an applied log's content
           under a new key) are uploaded: all three must be in the status query's reports and never
           submitted to DRS. One late file is the same server's and database's, between two
           applied logs minutes apart: its key sorts before the stream's listing position, and
           only discovery's look-back for late backups (the stream listed from before the last
           applied backup's time, see BackupDiscovery) sees it. The other is named after another
           server (SQL02), so its key sorts after everything listed. A late file older than that
           look-back is not reported (nor applied): by discovery's design, not measured here.
        5. **Bad input**: seeded generated malformed campaign specs (one mutation each over the
           spec's fields), each rejected by CampaignSpecValidator with the mutated field's path; some
           started as workflows on the real server, which must fail naming the field with no DRS
           create; malformed cutover updates rejected by the update validator, malformed skips
           ignored with a note. Malformed DRS answers: the worker restarted against a raw HTTP
           server in the test (127.0.0.1) that answers every call, in turn, with truncated JSON, a
           502 HTML page, `{}`, a job in an unknown status, a 200 HTML page and an empty body; the
           worker must stay up and the campaign stay blocked or retrying.
        6. **Secrets**: every workflow history of the suite (fetched with the Java client), every
           file under e2e/target/e2e-artifacts (child process logs, configs, the Temporal database)
           and every status query result taken, scanned for the DRS token and the OBS keys.
        7. **List lag with lost create answers** (issue 11): an environment of its own whose
           simulator leaves each new job out of its list answers for 5 s after the create, while
           30%% of create answers are lost after the job was made; the worker waits up to its create
           visibility window (10 s here) for such a job to be listed before it creates again. The
           runs of row 1's size, a wave at a time, each cut over at its file count; a lost answer
           looked up once too early would show as a duplicate job.
        8. **A campaign id used again** (issue 11): a campaign's run is terminated, aborted or
           completed after its first jobs, then the same id is started on a new target instance
           on the same backups. The new run must make every job on its own target, its own full
           first, report no job of the earlier run, and leave the earlier target alone.

        The sizes are system properties: `-Dfaults.runs` (runs in row 1), `-Dfaults.wave` (runs at
        a time), `-Dfaults.files` (files per campaign), `-Dfaults.badSpecs` (generated specs),
        `-Dfaults.seed`. The issue's full size is `-Dfaults.runs=20 -Dfaults.files=30`.
        """.formatted(
                        command,
                        scale,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        suiteSeconds,
                        failed.isEmpty() ? "none" : failed,
                        markdown());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
