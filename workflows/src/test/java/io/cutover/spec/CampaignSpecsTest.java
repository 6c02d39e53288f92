package io.cutover.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CampaignSpecsTest {

    private static final String TARGET = "0a3182607bc549bcb46cc9a8755761a6in04";

    @Test
    void theThreeFactoriesGiveValidSpecsOfTheirMode() {
        CampaignSpec campaign = CampaignSpecs.fullAndIncremental(
                "sales.2026-q1",
                TARGET,
                "zyy-obs",
                "floder/",
                "floder/SQL01_Sales_FULL_20260101_000000.bak",
                "Sales",
                "staging/");
        CampaignSpec once = CampaignSpecs.oneTimeFull("once", TARGET, "zyy-obs", "floder/ims.bak", null);
        CampaignSpec rds = CampaignSpecs.rdsFull(
                "rds-copy",
                TARGET,
                new SourceSpec.RdsBackup(
                        "0d87037d934848999fdc10bbabb08e6fbr04", "2019_EE", "7fb189b57339473a929d41dabb3878a2in04"));

        for (CampaignSpec spec : List.of(campaign, once, rds)) {
            assertEquals(List.of(), CampaignSpecValidator.validate(spec), spec.campaignId());
        }
        assertEquals(CampaignSpec.Mode.FULL_AND_INCREMENTAL, campaign.mode());
        assertEquals("floder/", once.source().prefix());
        assertEquals(CampaignSpec.Mode.RDS_FULL, rds.mode());
    }

    @Test
    void theJobNamePrefixIsTheCampaignIdMadeAcceptableToDrs() {
        assertEquals("sales-2026-q1", CampaignSpecs.jobNamePrefix("sales.2026-q1"));
        assertEquals(
                CampaignSpecValidator.MAX_JOB_NAME_PREFIX,
                CampaignSpecs.jobNamePrefix("x".repeat(80)).length());
    }

    @Test
    void aBackupNameDrsRefusesNeedsAStagingPrefix() {
        CampaignSpec spec = CampaignSpecs.oneTimeFull("once", TARGET, "zyy-obs", "floder/ims full.bak", null);
        assertEquals(
                "source.stagingPrefix",
                CampaignSpecValidator.validate(spec).get(0).field());
    }
}
