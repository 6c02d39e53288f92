package io.cutover.cli;

import io.cutover.activity.AppliedBackup;
import java.util.ArrayList;
import java.util.List;

/** The table of applied backups that both the status and the report show. */
final class BackupTable {
    private BackupTable() {}

    static String render(List<AppliedBackup> backups) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "file", "job id", "mode", "last", "took", "outcome", "note"});
        int number = 1;
        for (AppliedBackup backup : backups) {
            rows.add(new String[] {
                String.valueOf(number++),
                backup.key(),
                backup.jobId() == null ? "-" : backup.jobId(),
                backup.recoveryMode() == null ? "-" : backup.recoveryMode().wireName(),
                backup.lastBackup() ? "yes" : "",
                backup.endedMillis() > 0 ? DurationText.of(backup.durationMillis()) : "running",
                backup.outcome() == null ? "-" : backup.outcome().name(),
                backup.note() == null ? "" : backup.note()
            });
        }
        // Columns as wide as their widest cell: object keys and job ids vary a lot in length.
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int column = 0; column < row.length; column++) {
                line.append(' ').append(String.format("%-" + widths[column] + "s", row[column]));
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }
}
