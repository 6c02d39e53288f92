package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.campaign.CampaignStatus;
import io.cutover.campaign.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusViewTest {

    private static final Instant REQUESTED = Instant.parse("2026-12-06T23:40:00Z");
    private static final String TAIL = "orders/SQL01_orders_LOG_20261206_234000.trn";

    private static CampaignStatus waitingFor(String finalBackup) {
        return withChain(finalBackup, null);
    }

    private static CampaignStatus withChain(String finalBackup, CampaignStatus.ChainView chain) {
        return new CampaignStatus(
                "orders",
                Phase.CUTOVER_REQUESTED,
                null,
                List.of(),
                12,
                List.of(),
                null,
                null,
                30,
                new CampaignStatus.CutoverState(REQUESTED.toEpochMilli(), finalBackup, null),
                List.of(),
                List.of(),
                1,
                new CampaignStatus.FinalWatch(finalBackup, REQUESTED.toEpochMilli(), 250),
                chain);
    }

    @Test
    void theWaitForTheFinalBackupSaysWhatWhenAndHowOften() {
        String view =
                StatusView.render(waitingFor(TAIL), REQUESTED.plusSeconds(72), Optional.of(REQUESTED.plusSeconds(69)));

        assertTrue(
                view.contains("final       waiting for " + TAIL
                        + ": not in the bucket yet, looked 3s ago, looking every 250 ms (for 1m12s)"),
                view);
    }

    @Test
    void withoutTheServersLastListingTheLineSaysTheRest() {
        String view = StatusView.render(waitingFor(null), REQUESTED.plusSeconds(5), Optional.empty());

        assertTrue(
                view.contains("waiting for the next log backup: not in the bucket yet, looking every 250 ms (for 5s)"),
                view);
        assertFalse(view.contains("looked"), view);
    }

    @Test
    void aChainByHeadersShowsWhereTheDatabaseStandsAndTheLsnItWaitsFor() {
        CampaignStatus.ChainView chain = new CampaignStatus.ChainView(
                "the backups' headers",
                "restored up to LSN 25000000015300001, taken 2017-06-01T13:04:13 at the source",
                "waiting for a log backup that includes LSN 25000000015300001",
                REQUESTED.toEpochMilli(),
                List.of("RestoreTimeClean2_1.trn: LOG, LSN 25000000017300001 to 25000000020000001"));

        String view = StatusView.render(withChain(TAIL, chain), REQUESTED.plusSeconds(90), Optional.empty());

        assertTrue(
                view.contains("chain       by the backups' headers; restored up to LSN 25000000015300001, taken"
                        + " 2017-06-01T13:04:13 at the source"),
                view);
        assertTrue(
                view.contains("WAITING     waiting for a log backup that includes LSN 25000000015300001 (for 1m30s)"),
                view);
        assertTrue(view.contains("RestoreTimeClean2_1.trn: LOG, LSN 25000000017300001 to 25000000020000001"), view);
    }
}
