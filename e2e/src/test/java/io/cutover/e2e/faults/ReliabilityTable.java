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
    String reason = String.valueOf(failure.getMessage()).lines().findFirst().orElse("").replace('|', '/');
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
          .append(String.join(" | ", f.row(), f.scenario(), f.figure(), f.measured(), f.target(), f.met() ? "yes" : "**NO**"))
          .append(" |\n");
    }
    return table.toString();
  }

  /** Rewrites docs/RELIABILITY.md: what was run, at which scale, with which command, and the table. */
  void writeDocument(Path file, String command, String scale, long suiteSeconds) {
    String failed =
        figures().stream().filter(f -> !f.met()).map(f -> f.row() + " " + f.figure()).collect(Collectors.joining(", "));
    String text =
        """
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

        1. **Worker SIGKILL**: campaigns started a few seconds apart share one worker; the worker is
           killed at seeded random moments chosen at these points: while a campaign's full restore
           runs (right after its full's create), right after any create reached DRS (before the
           worker could record it), mid-catch-up (a seeded delay after a log job succeeded), and
           during the cutover (a seeded delay after the first campaign's cutover). Each time a new
           worker starts 2 s later. In every row the operator's cutover names the final backup
           (`temporal workflow update execute --name requestCutover`) once the full is restored
           and the campaign's files are written, and the source's backups stop there. Figures come from the simulator's record: per campaign, jobs per file
           (duplicates), files of the chain up to the final one without a job (lost), LSN order of
           the jobs (out of order), is_last_backup count (must be 1), and the report's phase.
        2. **Temporal restart**: the dev server stopped (SIGTERM) and started again on its database
           file mid-campaign.
        3. **DRS faults**, all at once from the simulator: 20%% of every call answered 5xx, 10%%
           throttled (429, Retry-After 1 s), 200 ms latency on every call, and 10%% of creates whose
           answer is lost after the job was made (the connection closes).
        4. **OBS faults**: the S3 server stopped for 4 s mid-campaign (listings and copies fail),
           a late file (an order key older than an applied one) and a duplicate (an applied log's
           content under a new key) uploaded: both must be in the status query's reports and never
           submitted to DRS. Both are named after another server (SQL02) with an older time, so
           that their keys sort after the keys listed so far: listing resumes after the greatest
           key listed (DiscoveryCursor.marker), so a late file whose key sorts before it, e.g. the
           same server's name with an older time, is never listed, hence never reported (nor
           applied). That gap is by the cursor's design and is not measured here.
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

        The sizes are system properties: `-Dfaults.campaigns` (campaigns in row 1), `-Dfaults.files`
        (files per campaign), `-Dfaults.badSpecs` (generated specs), `-Dfaults.seed`. The issue's
        full size is `-Dfaults.campaigns=20 -Dfaults.files=30` (expect well over an hour).
        """
            .formatted(
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
