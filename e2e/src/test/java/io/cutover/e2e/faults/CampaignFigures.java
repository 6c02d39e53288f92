package io.cutover.e2e.faults;

import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.Phase;
import io.cutover.e2e.BackupFeed.WrittenBackup;
import io.cutover.e2e.CampaignRun;
import io.cutover.e2e.SimulatorProcess.CreateCall;
import io.cutover.simulator.backupfile.BackupHeader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one campaign did, read from the simulator's record of its creates and from its backup
 * feed: the figures of the fault table, counted rather than asserted so that every figure is
 * reported even when one misses.
 *
 * @param duplicateJobs jobs made for a file beyond the first
 * @param lostFiles files of the chain, up to the one restored as the last backup, with no job
 * @param outOfOrder jobs whose file comes at or before the previous job's file in the chain
 * @param lastBackupFlags jobs made with is_last_backup=true (a completed campaign has one)
 * @param jobs jobs made
 * @param completed the campaign reported COMPLETED
 */
record CampaignFigures(
        long duplicateJobs, long lostFiles, long outOfOrder, long lastBackupFlags, long jobs, boolean completed) {

    static CampaignFigures of(CampaignRun run, CampaignReport report) {
        List<BackupHeader> chain =
                run.feed.written().stream().map(WrittenBackup::header).toList();
        // Jobs the simulator made: a create whose answer was lost made one too.
        List<CreateCall> made =
                run.createCalls().stream().filter(call -> call.jobId() != null).toList();
        Map<Integer, Integer> jobsPerFile = new HashMap<>();
        long outOfOrder = 0;
        int previous = -1;
        int lastIndex = -1;
        long lastFlags = 0;
        for (CreateCall call : made) {
            // Staged copies have other keys: the LSN header says which file of the chain a job restored.
            int index = call.objectKeys().isEmpty()
                    ? -1
                    : chain.indexOf(run.feed.headerOf(call.objectKeys().get(0)));
            jobsPerFile.merge(index, 1, Integer::sum);
            if (index <= previous) {
                outOfOrder++;
            }
            previous = Math.max(previous, index);
            if (call.lastBackup()) {
                lastFlags++;
                lastIndex = Math.max(lastIndex, index);
            }
        }
        long duplicates =
                jobsPerFile.values().stream().mapToLong(count -> count - 1).sum();
        int requiredUpTo = lastIndex >= 0 ? lastIndex : previous;
        long lost = 0;
        for (int i = 0; i <= requiredUpTo; i++) {
            if (!jobsPerFile.containsKey(i)) {
                lost++;
            }
        }
        boolean completed = report != null && report.finalPhase() == Phase.COMPLETED;
        return new CampaignFigures(duplicates, lost, outOfOrder, lastFlags, made.size(), completed);
    }
}
