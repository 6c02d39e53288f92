package io.cutover.demo;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.Phase;
import io.cutover.simulator.SimulatedJob;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the demo checks at the end, against the simulator's record rather than the campaign's own
 * word: one job per backup, all succeeded, exactly one sent with is_last_backup=true, and that one
 * is the tail-log backup.
 */
final class DemoCheck {
    private DemoCheck() {}

    static List<String> problems(CampaignReport report, List<SimulatedJob> jobs, String tailKey) {
        List<String> problems = new ArrayList<>();
        if (report.finalPhase() != Phase.COMPLETED) {
            problems.add("the campaign ended " + report.finalPhase() + ", not COMPLETED");
        }
        Set<String> files = new HashSet<>();
        for (SimulatedJob job : jobs) {
            if (!"SUCCESS".equals(job.status())) {
                problems.add("job " + job.name() + " ended " + job.status() + ": " + job.errorLog());
            }
            if (!files.addAll(job.fileNames())) {
                problems.add("a second job for " + job.fileNames() + " (" + job.name() + ")");
            }
        }
        List<SimulatedJob> last = jobs.stream().filter(SimulatedJob::lastBackup).toList();
        if (last.size() != 1) {
            problems.add(last.size() + " jobs were sent with is_last_backup=true; exactly one must be");
        }
        // The report carries only the most recent entries; the ledger, when there is one, counts all.
        List<AppliedBackup> applied = report.backups().stream()
                .filter(b -> b.outcome() == Outcome.SUCCESS)
                .toList();
        int appliedCount = report.ledger() == null
                ? applied.size()
                : report.ledger().outcomes().getOrDefault("SUCCESS", 0);
        if (appliedCount != jobs.size()) {
            problems.add("the report counts " + appliedCount + " applied backups, DRS ran " + jobs.size() + " jobs");
        }
        AppliedBackup finalBackup = applied.isEmpty() ? null : applied.get(applied.size() - 1);
        if (finalBackup == null
                || !finalBackup.lastBackup()
                || !finalBackup.key().equals(tailKey)) {
            problems.add("the last applied backup is " + (finalBackup == null ? "none" : finalBackup.key())
                    + ", not the tail-log backup " + tailKey + " sent as last");
        }
        if (report.downtimeMillis() < 0) {
            problems.add("the report has no downtime");
        }
        return problems;
    }
}
