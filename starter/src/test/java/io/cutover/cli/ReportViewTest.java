package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.AppliedBackup;
import io.cutover.activity.AppliedBackup.Outcome;
import io.cutover.activity.JobRequest.RecoveryMode;
import io.cutover.activity.LedgerSummary;
import io.cutover.campaign.CampaignReport;
import io.cutover.campaign.Phase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportViewTest {

    private static final AppliedBackup LAST = new AppliedBackup(
            "logs/db_LOG_9.trn",
            "db_LOG_9.bak",
            "job-9",
            "id-9",
            RecoveryMode.INCRE,
            true,
            1_000,
            2_000,
            Outcome.SUCCESS,
            null);

    @Test
    void aLongCampaignCountsItsBackupsFromTheLedgerAndSaysWhereItIs() {
        LedgerSummary ledger = new LedgerSummary(
                "bucket", "drs-staging/ledger/c1/report.jsonl", 4_321, Map.of("SUCCESS", 4_320, "SKIPPED", 1));
        CampaignReport report =
                new CampaignReport("c1", Phase.COMPLETED, List.of(LAST), 500, 2_000, 1_500, null, ledger);

        String view = ReportView.render(report);

        assertTrue(view.contains("backups     4321"), view);
        assertTrue(view.contains("bucket/drs-staging/ledger/c1/report.jsonl"), view);
        assertTrue(view.contains("the last 1"), view);
    }

    @Test
    void aCampaignWithoutLedgerCountsTheBackupsItCarries() {
        CampaignReport report =
                new CampaignReport("c1", Phase.COMPLETED, List.of(LAST, LAST), 500, 2_000, 1_500, null, null);

        String view = ReportView.render(report);

        assertTrue(view.contains("backups     2"), view);
        assertFalse(view.contains("ledger"), view);
    }

    @Test
    void theAlarmsStillRaisedAtTheEndAreShownOneALine() {
        String foreign = "a DRS job named e2e-hb-orders-1 (id job-7, created 2026-12-06T07:00:00Z, target in04) "
                + "belongs to another campaign run: not adopted";
        CampaignReport report = new CampaignReport(
                "c1",
                Phase.COMPLETED,
                List.of(LAST),
                500,
                2_000,
                1_500,
                null,
                null,
                List.of(foreign, "discovery is failing: bucket gone"));

        String view = ReportView.render(report);

        assertTrue(view.contains("alarm       " + foreign + "\n"), view);
        assertTrue(view.contains("alarm       discovery is failing: bucket gone\n"), view);
    }
}
