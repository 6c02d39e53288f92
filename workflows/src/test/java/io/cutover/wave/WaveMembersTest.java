package io.cutover.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.MemberAnswer;
import io.cutover.campaign.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the wave keeps of its members' reports when they reach it out of the member's order. */
class WaveMembersTest {

    private static MemberReport report(Phase phase, long sequence) {
        return new MemberReport("erp-orders", phase, null, "tail.trn", null, -1, -1, true, null, sequence);
    }

    private static WaveMembers members() {
        return new WaveMembers(List.of(), List.of(MemberReport.starting("erp-orders")));
    }

    @Test
    void aCollectedPreparedReportOlderThanASignalledOneChangesNothing() {
        WaveMembers members = members();
        // The member held its final (collected, its answer still on its way), then its cutover was
        // cancelled and it said so by signal: the late answer must not make it PREPARED again.
        assertTrue(members.changed(report(Phase.CATCHING_UP, 2_000)));

        assertFalse(members.changed(report(Phase.PREPARED, 1_000)));
        assertEquals(Phase.CATCHING_UP, members.byCampaign().get("erp-orders").phase());
    }

    @Test
    void aNewerReportReplacesAnOlderOne() {
        WaveMembers members = members();
        assertTrue(members.changed(report(Phase.BLOCKED, 1_000)));

        assertTrue(members.changed(report(Phase.PREPARED, 2_000)));
        assertEquals(Phase.PREPARED, members.byCampaign().get("erp-orders").phase());
    }

    @Test
    void aMemberThatTookTheRequestWithoutAReportCountsAsAnsweredUntilItsNextReport() {
        WaveMembers members = members();
        assertTrue(members.changed(report(Phase.CATCHING_UP, 1_000).withCutoverRefusal(null)));
        assertFalse(members.allAnswered());

        List<String> unreached = members.heard(List.of(MemberAnswer.took("erp-orders", null)), gone -> {});

        assertEquals(List.of(), unreached);
        assertTrue(members.allAnswered(), "taken, though its report comes later");
        assertEquals(
                Phase.CUTOVER_REQUESTED, members.byCampaign().get("erp-orders").phase());
        // Its PREPARED report, collected later, replaces what the wave made of the answer.
        assertTrue(members.changed(report(Phase.PREPARED, 2_000)));
        assertEquals(Phase.PREPARED, members.byCampaign().get("erp-orders").phase());
    }

    @Test
    void reportsOfMembersThatBeganBeforeTheOrderAreTakenAsTheyCome() {
        WaveMembers members = members();
        assertTrue(members.changed(report(Phase.PREPARED, 2_000)));

        assertTrue(members.changed(report(Phase.CATCHING_UP, 0)));
        assertEquals(Phase.CATCHING_UP, members.byCampaign().get("erp-orders").phase());
    }
}
