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
                new CampaignStatus.FinalWatch(finalBackup, REQUESTED.toEpochMilli(), 1),
                null);
    }

    @Test
    void theWaitForTheFinalBackupSaysWhatWhenAndHowOften() {
        String view =
                StatusView.render(waitingFor(TAIL), REQUESTED.plusSeconds(72), Optional.of(REQUESTED.plusSeconds(69)));

        assertTrue(
                view.contains("final       waiting for " + TAIL
                        + ": not in the bucket yet, looked 3s ago, looking every 1 s (for 1m12s)"),
                view);
    }

    @Test
    void withoutTheServersLastListingTheLineSaysTheRest() {
        String view = StatusView.render(waitingFor(null), REQUESTED.plusSeconds(5), Optional.empty());

        assertTrue(
                view.contains("waiting for the next log backup: not in the bucket yet, looking every 1 s (for 5s)"),
                view);
        assertFalse(view.contains("looked"), view);
    }
}
