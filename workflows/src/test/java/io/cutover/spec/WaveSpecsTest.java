package io.cutover.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.spec.WaveSpec.WaveMember;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wave's members as campaigns, and every problem of a wave at once with its path in the file. */
class WaveSpecsTest {

    private static final String TARGET = "6b1c2d3e4f5a4b6c8d9e0f1a2b3c4d5ein04";
    private static final String OTHER_TARGET = "7c2d3e4f5a6b4c7d9e0f1a2b3c4d5e6fin04";

    private static CampaignSpec defaults(String bucket) {
        return CampaignSpecs.fullAndIncremental(
                "unused", TARGET, bucket, "unused/", "unused/x.bak", "unused", "staged/");
    }

    private static WaveSpec erp(CampaignSpec defaults, List<WaveMember> members) {
        return new WaveSpec("erp-wave", defaults, members);
    }

    @Test
    void eachMemberIsACampaignOfItsOwnWithTheDefaultsAndItsOwnFields() {
        WaveSpec wave = erp(
                defaults("sql-backups"),
                List.of(
                        new WaveMember("Orders", "orders/", "orders/FULL.bak"),
                        new WaveMember("Billing", "billing/", "billing/FULL.bak", OTHER_TARGET, null, "bill")));

        List<CampaignSpec> members = WaveSpecs.members(wave);

        assertEquals(List.of(), WaveSpecs.validate(wave));
        CampaignSpec orders = members.get(0);
        assertEquals("erp-wave-orders", orders.campaignId());
        assertEquals(TARGET, orders.target().instanceId());
        assertEquals("sql-backups", orders.source().bucket());
        assertEquals("orders/", orders.source().prefix());
        assertEquals("Orders", orders.source().database());
        assertEquals("staged/orders/", orders.source().stagingPrefix(), "each member stages in a folder of its own");
        assertTrue(orders.tags().contains(new Tag(WaveSpecs.WAVE_TAG, "erp-wave")));
        CampaignSpec billing = members.get(1);
        assertEquals(OTHER_TARGET, billing.target().instanceId(), "a member may go to another instance");
        assertEquals("bill", billing.jobNamePrefix());
    }

    @Test
    void everyProblemIsNamedAtOnceUnderTheMemberOrOnceUnderTheDefaults() {
        WaveSpec wave = erp(
                defaults(null),
                List.of(
                        new WaveMember("Orders", "orders/", "orders/FULL.bak"),
                        new WaveMember("Orders", "orders2/", "orders2/FULL.bak"),
                        new WaveMember("Billing", "billing/", "billing/"),
                        new WaveMember("Stock", null, "stock/FULL.bak")));

        List<String> problems =
                WaveSpecs.validate(wave).stream().map(SpecViolation::toString).toList();

        assertEquals(
                1,
                problems.stream()
                        .filter(p -> p.startsWith("defaults.source.bucket:"))
                        .count(),
                problems::toString);
        assertTrue(problems.contains("members[1].database: names Orders a second time"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("members[2].fullBackup:")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("members[3].prefix:")), problems::toString);
        assertTrue(problems.stream().noneMatch(p -> p.startsWith("members[0]")), problems::toString);
    }

    /**
     * The limit of jobs at once is the target's: a member sent to another instance keeps it (each
     * instance counts its own), and a limit below one is named under the defaults.
     */
    @Test
    void theLimitOfJobsAtOnceHoldsForEveryTargetAndIsChecked() {
        CampaignSpec shared = defaults("sql-backups");
        CampaignSpec bounded = shared.withTarget(new TargetSpec(TARGET, null, 4));
        WaveSpec wave = erp(
                bounded,
                List.of(
                        new WaveMember("Orders", "orders/", "orders/FULL.bak"),
                        new WaveMember("Billing", "billing/", "billing/FULL.bak", OTHER_TARGET, null, null)));
        assertEquals(List.of(), WaveSpecs.validate(wave));
        assertEquals(4, WaveSpecs.members(wave).get(1).target().maxRunningJobs());

        WaveSpec zero = erp(shared.withTarget(new TargetSpec(TARGET, null, 0)), wave.members());
        List<SpecViolation> problems = WaveSpecs.validate(zero);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("defaults.target.maxRunningJobs", problems.get(0).field());
        assertTrue(problems.get(0).rule().contains("1 to 1000"), problems::toString);
    }

    @Test
    void aWaveWithoutIdOrMembersSaysSo() {
        List<String> problems = WaveSpecs.validate(new WaveSpec("-bad", defaults("b"), List.of())).stream()
                .map(SpecViolation::field)
                .toList();

        assertEquals(List.of("waveId", "members"), problems);
    }
}
