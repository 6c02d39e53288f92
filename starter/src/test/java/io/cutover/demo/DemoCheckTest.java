package io.cutover.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.JobRequest.RecoveryMode;
import io.cutover.activity.LedgerSummary;
import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.Phase;
import io.cutover.simulator.SimulatedJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCheckTest {

    private static final String TAIL = "demo/SQL01_Orders_LOG_20261128_120300.trn";

    private static SimulatedJob job(String file, boolean last) {
        return new SimulatedJob(
                "id-" + file,
                "p",
                "job-" + file,
                null,
                "SUCCESS",
                null,
                "i",
                "OBS",
                "b",
                List.of(file),
                last ? "incre" : "full",
                last,
                true,
                List.of("Orders"),
                Instant.EPOCH,
                Instant.EPOCH);
    }

    private static final List<SimulatedJob> JOBS =
            List.of(job("full.bak", false), job("log1.bak", false), job("tail.bak", true));

    private static final AppliedBackup TAIL_APPLIED = new AppliedBackup(
            TAIL, "tail.bak", "job-tail.bak", "id-tail.bak", RecoveryMode.INCRE, true, 1, 2, Outcome.SUCCESS, null);

    /** The report carries only the most recent entries: the ledger's count is the one to check. */
    @Test
    void aReportWhoseLedgerCountsEveryJobPasses() {
        LedgerSummary ledger = new LedgerSummary("b", "ledger/report.jsonl", 3, Map.of("SUCCESS", 3));
        CampaignReport report =
                new CampaignReport("demo", Phase.COMPLETED, List.of(TAIL_APPLIED), 0, 2, 2, null, ledger);

        assertEquals(List.of(), DemoCheck.problems(report, JOBS, TAIL));
    }

    @Test
    void aLedgerThatMissesAJobIsAProblem() {
        LedgerSummary ledger = new LedgerSummary("b", "ledger/report.jsonl", 2, Map.of("SUCCESS", 2));
        CampaignReport report =
                new CampaignReport("demo", Phase.COMPLETED, List.of(TAIL_APPLIED), 0, 2, 2, null, ledger);

        List<String> problems = DemoCheck.problems(report, JOBS, TAIL);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("counts 2 applied backups, DRS ran 3 jobs"), problems.get(0));
    }
}
