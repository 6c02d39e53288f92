package io.cutover.campaign;

import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpec.Mode;
import io.cutover.spec.NamingSpec;
import io.cutover.spec.RestoreOptions;
import io.cutover.spec.SourceSpec;
import io.cutover.spec.Tag;
import io.cutover.spec.TargetSpec;
import io.cutover.spec.Timing;
import java.util.List;

/** Specs of the seed's three scenarios against the fake bucket. */
final class TestCampaigns {

    static final String TARGET = "0a3182607bc549bcb46cc9a8755761a6in04";
    static final Timing TIMING = new Timing(60, 30, 1800, 1000, 1);

    private TestCampaigns() {}

    static CampaignSpec fullAndIncremental(String campaignId, String fullBackupKey) {
        return fullAndIncremental(campaignId, fullBackupKey, TIMING);
    }

    static CampaignSpec fullAndIncremental(String campaignId, String fullBackupKey, Timing timing) {
        return new CampaignSpec(
                campaignId,
                Mode.FULL_AND_INCREMENTAL,
                new TargetSpec(TARGET, "off"),
                new SourceSpec(
                        FakeBucket.BUCKET,
                        FakeBucket.PREFIX,
                        fullBackupKey,
                        new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null),
                        FakeBucket.DATABASE,
                        "staging/sales/",
                        null),
                new RestoreOptions(List.of(), true, true, null, true, true),
                "sales",
                "0",
                List.of(new Tag("owner", "dba-team")),
                "Sales cutover",
                timing);
    }

    static CampaignSpec oneTimeFull(String campaignId, String fullBackupKey) {
        return new CampaignSpec(
                campaignId,
                Mode.ONE_TIME_FULL,
                new TargetSpec(TARGET, "off"),
                new SourceSpec(FakeBucket.BUCKET, FakeBucket.PREFIX, fullBackupKey, null, null, null, null),
                new RestoreOptions(List.of("Sales"), false, true, "Sales2", true, true),
                "salesfull",
                "0",
                List.of(),
                null,
                TIMING);
    }

    static CampaignSpec rdsFull(String campaignId) {
        return new CampaignSpec(
                campaignId,
                Mode.RDS_FULL,
                new TargetSpec(TARGET, "off"),
                new SourceSpec(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new SourceSpec.RdsBackup(
                                "0d87037d934848999fdc10bbabb08e6fbr04",
                                "2019_EE",
                                "7fb189b57339473a929d41dabb3878a2in04")),
                new RestoreOptions(List.of("db_test12"), false, false, "db_test12_copy", false, true),
                "rdscopy",
                null,
                List.of(),
                "restore from RDS backup",
                TIMING);
    }
}
