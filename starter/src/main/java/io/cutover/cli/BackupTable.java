package io.cutover.cli;

import io.cutover.campaign.AppliedBackup;
import java.util.List;

/** The table of applied backups that both the status and the report show. */
final class BackupTable {
  private BackupTable() {}

  private static final String ROW = "  %-4s %-40s %-24s %-5s %-4s %9s  %-15s %s%n";

  static String render(List<AppliedBackup> backups) {
    StringBuilder table =
        new StringBuilder(
            String.format(ROW, "#", "file", "job id", "mode", "last", "took", "outcome", "note"));
    int number = 1;
    for (AppliedBackup backup : backups) {
      table.append(
          String.format(
              ROW,
              number++,
              backup.key(),
              backup.jobId() == null ? "-" : backup.jobId(),
              backup.recoveryMode(),
              backup.lastBackup() ? "yes" : "",
              backup.endedMillis() > 0 ? DurationText.of(backup.durationMillis()) : "running",
              backup.outcome() == null ? "-" : backup.outcome(),
              backup.note() == null ? "" : backup.note()));
    }
    return table.toString();
  }
}
