package io.cutover.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.spec.CampaignSpec.Mode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule by rule: a valid spec per scenario, broken in one place, must give one violation naming that field. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CampaignSpecValidatorTest {

    private static final Timing TIMING = new Timing(60, 120, 1800, 500, 1);
    private static final NamingSpec OLA = new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null);

    static CampaignSpec fullAndIncremental() {
        return new CampaignSpec(
                "sales-2026",
                Mode.FULL_AND_INCREMENTAL,
                new TargetSpec("0a3182607bc549bcb46cc9a8755761a6in04", "off"),
                new SourceSpec(
                        "zyy-obs",
                        "floder/",
                        "floder/SQL01_Sales_FULL_20260101_000000.bak",
                        OLA,
                        "Sales",
                        "staging/",
                        null),
                new RestoreOptions(List.of(), true, true, null, true, true),
                "sales",
                "0",
                List.of(new Tag("owner", "dba team")),
                "Sales cutover",
                TIMING);
    }

    static CampaignSpec oneTimeFull() {
        return new CampaignSpec(
                "sales-once",
                Mode.ONE_TIME_FULL,
                new TargetSpec("0a3182607bc549bcb46cc9a8755761a6in04", null),
                new SourceSpec("zyy-obs", "", "1706510914000_0_Test_Database.bak", null, null, null, null),
                new RestoreOptions(List.of("Test_Database"), false, true, "Test_Database_new", true, true),
                "once",
                null,
                null,
                null,
                TIMING);
    }

    static CampaignSpec rdsFull() {
        return new CampaignSpec(
                "rds-copy",
                Mode.RDS_FULL,
                new TargetSpec("0a3182607bc549bcb46cc9a8755761a6in04", "off"),
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
                new RestoreOptions(List.of("db_test12", "db_sqls2v5_01"), false, false, null, false, true),
                "DRS-7526",
                "0",
                List.of(),
                "miao'shu",
                TIMING);
    }

    @Test
    void theSeedsThreeScenariosAreValid() {
        assertEquals(List.of(), CampaignSpecValidator.validate(fullAndIncremental()));
        assertEquals(List.of(), CampaignSpecValidator.validate(oneTimeFull()));
        assertEquals(List.of(), CampaignSpecValidator.validate(rdsFull()));
    }

    @Test
    void everyViolationIsCollectedNotJustTheFirst() {
        CampaignSpec spec = new CampaignSpec(null, null, null, null, null, null, null, null, null, null);
        List<String> fields = CampaignSpecValidator.validate(spec).stream()
                .map(SpecViolation::field)
                .toList();
        assertEquals(List.of("campaignId", "mode", "target", "source", "restore", "jobNamePrefix", "timing"), fields);
    }

    @Test
    void requireValidThrowsWithEveryViolationInTheMessage() {
        CampaignSpec base = fullAndIncremental();
        CampaignSpec bad = new CampaignSpec(
                base.campaignId(),
                base.mode(),
                new TargetSpec("", "maybe"),
                base.source(),
                base.restore(),
                base.jobNamePrefix(),
                base.enterpriseProjectId(),
                base.tags(),
                base.description(),
                base.timing());
        InvalidSpecException e =
                assertThrows(InvalidSpecException.class, () -> CampaignSpecValidator.requireValid(bad));
        assertEquals(2, e.violations().size());
        assertTrue(e.getMessage().contains("target.instanceId: is required"));
        assertTrue(e.getMessage().contains("target.fileStream: must be \"on\", \"off\" or left out"));
    }

    static List<Arguments> violations() {
        return List.of(
                rule("campaignId", fullAndIncremental(), s -> with(s, "campaignId", "-starts-with-dash")),
                rule(
                        "source.bucket",
                        fullAndIncremental(),
                        s -> source(
                                s,
                                new SourceSpec(
                                        "Upper_Case",
                                        "floder/",
                                        s.source().fullBackup(),
                                        OLA,
                                        null,
                                        "staging/",
                                        null))),
                rule(
                        "source.bucket",
                        fullAndIncremental(),
                        s -> source(
                                s,
                                new SourceSpec(
                                        "192.168.1.10",
                                        "floder/",
                                        s.source().fullBackup(),
                                        OLA,
                                        null,
                                        "staging/",
                                        null))),
                rule(
                        "source.bucket",
                        fullAndIncremental(),
                        s -> source(
                                s,
                                new SourceSpec(null, "floder/", s.source().fullBackup(), OLA, null, "staging/", null))),
                rule(
                        "source.prefix",
                        fullAndIncremental(),
                        s -> source(
                                s,
                                new SourceSpec(
                                        "zyy-obs", "/floder", s.source().fullBackup(), OLA, null, "staging/", null))),
                rule(
                        "source.fullBackup",
                        fullAndIncremental(),
                        s -> source(s, new SourceSpec("zyy-obs", "floder/", null, OLA, null, "staging/", null))),
                rule(
                        "source.fullBackup",
                        fullAndIncremental(),
                        s -> source(s, new SourceSpec("zyy-obs", "floder/", "floder/", OLA, null, "staging/", null))),
                rule("chain.gapAlarmSeconds", fullAndIncremental(), s -> chain(s, new ChainSpec(false, -1, 0))),
                rule("chain.targetMajorVersion", fullAndIncremental(), s -> chain(s, new ChainSpec(false, 0, 2019))),
                rule(
                        "source.naming.pattern",
                        fullAndIncremental(),
                        s -> source(
                                s,
                                new SourceSpec(
                                        "zyy-obs",
                                        "floder/",
                                        s.source().fullBackup(),
                                        new NamingSpec(NamingSpec.Convention.REGEX, "(?<db>\\w+)_(?<type>LOG)"),
                                        null,
                                        "staging/",
                                        null))),
                rule(
                        "source.naming.pattern",
                        fullAndIncremental(),
                        s -> source(
                                s,
                                new SourceSpec(
                                        "zyy-obs",
                                        "floder/",
                                        s.source().fullBackup(),
                                        new NamingSpec(NamingSpec.Convention.LEXICAL, ".*"),
                                        null,
                                        "staging/",
                                        null))),
                rule(
                        "source.stagingPrefix",
                        fullAndIncremental(),
                        s -> source(
                                s,
                                new SourceSpec("zyy-obs", "floder/", s.source().fullBackup(), OLA, null, null, null))),
                rule(
                        "source.stagingPrefix",
                        fullAndIncremental(),
                        s -> source(
                                s,
                                new SourceSpec(
                                        "zyy-obs",
                                        "floder/",
                                        s.source().fullBackup(),
                                        OLA,
                                        null,
                                        "floder/staged/",
                                        null))),
                rule(
                        "source.stagingPrefix",
                        oneTimeFull(),
                        s -> source(s, new SourceSpec("zyy-obs", "", "full backup.bak", null, null, null, null))),
                rule(
                        "source.rds",
                        fullAndIncremental(),
                        s -> source(
                                s,
                                new SourceSpec(
                                        "zyy-obs",
                                        "floder/",
                                        s.source().fullBackup(),
                                        OLA,
                                        null,
                                        "staging/",
                                        rdsFull().source().rds()))),
                rule("source.rds", rdsFull(), s -> source(s, new SourceSpec(null, null, null, null, null, null, null))),
                rule(
                        "source.rds.rdsVersion",
                        rdsFull(),
                        s -> source(
                                s,
                                new SourceSpec(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        new SourceSpec.RdsBackup("id", "2019", "src")))),
                rule(
                        "source.rds.fileId",
                        rdsFull(),
                        s -> source(
                                s,
                                new SourceSpec(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        new SourceSpec.RdsBackup("", "2019_EE", "src")))),
                rule(
                        "source.bucket",
                        rdsFull(),
                        s -> source(
                                s,
                                new SourceSpec(
                                        "zyy-obs",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        s.source().rds()))),
                rule(
                        "restore.dbNames",
                        oneTimeFull(),
                        s -> restore(s, new RestoreOptions(List.of(), false, true, null, true, true))),
                rule(
                        "restore.dbNames",
                        oneTimeFull(),
                        s -> restore(
                                s,
                                new RestoreOptions(
                                        IntStream.rangeClosed(1, 101)
                                                .mapToObj(i -> "db" + i)
                                                .toList(),
                                        false,
                                        true,
                                        null,
                                        true,
                                        true))),
                rule(
                        "restore.dbNames[1]",
                        oneTimeFull(),
                        s -> restore(s, new RestoreOptions(List.of("Sales", "SALES"), false, true, null, true, true))),
                rule(
                        "restore.dbNames[0]",
                        oneTimeFull(),
                        s -> restore(s, new RestoreOptions(List.of(" "), false, true, null, true, true))),
                rule(
                        "restore.renameTo",
                        fullAndIncremental(),
                        s -> restore(s, new RestoreOptions(List.of(), true, true, "NewName", true, true))),
                rule(
                        "restore.renameTo",
                        oneTimeFull(),
                        s -> restore(s, new RestoreOptions(List.of("a", "b"), false, true, "NewName", true, true))),
                rule(
                        "restore.renameTo",
                        oneTimeFull(),
                        s -> restore(s, new RestoreOptions(List.of("a"), false, true, "new name", true, true))),
                rule(
                        "jobNamePrefix",
                        fullAndIncremental(),
                        s -> with(s, "jobNamePrefix", "x".repeat(CampaignSpecValidator.MAX_JOB_NAME_PREFIX + 1))),
                rule("jobNamePrefix", fullAndIncremental(), s -> with(s, "jobNamePrefix", "sales cutover")),
                rule("enterpriseProjectId", fullAndIncremental(), s -> with(s, "enterpriseProjectId", "not/a/project")),
                rule("tags[0].key", fullAndIncremental(), s -> tags(s, List.of(new Tag("k".repeat(37), "v")))),
                rule(
                        "tags[1].key",
                        fullAndIncremental(),
                        s -> tags(s, List.of(new Tag("owner", "a"), new Tag("owner", "b")))),
                rule("tags[0].value", fullAndIncremental(), s -> tags(s, List.of(new Tag("owner", "semi;colon")))),
                rule(
                        "timing.pollIntervalSeconds",
                        fullAndIncremental(),
                        s -> timing(s, new Timing(0, 120, 1800, 500, 1))),
                rule("timing.settleSeconds", fullAndIncremental(), s -> timing(s, new Timing(60, -1, 1800, 500, 1))),
                rule(
                        "timing.finalBackupAlarmSeconds",
                        fullAndIncremental(),
                        s -> timing(s, new Timing(60, 120, 0, 500, 1))),
                rule(
                        "timing.continueAsNewEveryFiles",
                        fullAndIncremental(),
                        s -> timing(s, new Timing(60, 120, 1800, 0, 1))),
                rule(
                        "timing.finalWatchSeconds",
                        fullAndIncremental(),
                        s -> timing(s, new Timing(60, 120, 1800, 500, -1))),
                rule(
                        "timing.finalWatchSeconds",
                        fullAndIncremental(),
                        s -> timing(
                                s,
                                new Timing(60, 120, 1800, 500, CampaignSpecValidator.MAX_POLL_INTERVAL_SECONDS + 1))));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("violations")
    void eachRuleNamesItsField(String field, CampaignSpec spec) {
        List<SpecViolation> violations = CampaignSpecValidator.validate(spec);
        assertEquals(1, violations.size(), () -> "expected exactly one violation, got " + violations);
        assertEquals(field, violations.get(0).field());
        assertTrue(!violations.get(0).rule().isBlank());
    }

    private static Arguments rule(String field, CampaignSpec valid, UnaryOperator<CampaignSpec> breakIt) {
        return Arguments.of(field, breakIt.apply(valid));
    }

    private static CampaignSpec with(CampaignSpec s, String field, String value) {
        return new CampaignSpec(
                field.equals("campaignId") ? value : s.campaignId(),
                s.mode(),
                s.target(),
                s.source(),
                s.restore(),
                field.equals("jobNamePrefix") ? value : s.jobNamePrefix(),
                field.equals("enterpriseProjectId") ? value : s.enterpriseProjectId(),
                s.tags(),
                s.description(),
                s.timing());
    }

    private static CampaignSpec source(CampaignSpec s, SourceSpec source) {
        return new CampaignSpec(
                s.campaignId(),
                s.mode(),
                s.target(),
                source,
                s.restore(),
                s.jobNamePrefix(),
                s.enterpriseProjectId(),
                s.tags(),
                s.description(),
                s.timing());
    }

    private static CampaignSpec chain(CampaignSpec s, ChainSpec chain) {
        return new CampaignSpec(
                s.campaignId(),
                s.mode(),
                s.target(),
                s.source(),
                s.restore(),
                s.jobNamePrefix(),
                s.enterpriseProjectId(),
                s.tags(),
                s.description(),
                s.timing(),
                chain);
    }

    /** Without a naming convention the chain is planned by headers: the spec itself is valid. */
    @Test
    void aCampaignWithoutANamingConventionIsValid() {
        CampaignSpec s = fullAndIncremental();
        CampaignSpec withoutNaming =
                source(s, new SourceSpec("zyy-obs", "floder/", s.source().fullBackup(), null, null, "staging/", null));

        assertEquals(List.of(), CampaignSpecValidator.validate(withoutNaming));
    }

    private static CampaignSpec restore(CampaignSpec s, RestoreOptions restore) {
        return new CampaignSpec(
                s.campaignId(),
                s.mode(),
                s.target(),
                s.source(),
                restore,
                s.jobNamePrefix(),
                s.enterpriseProjectId(),
                s.tags(),
                s.description(),
                s.timing());
    }

    private static CampaignSpec tags(CampaignSpec s, List<Tag> tags) {
        return new CampaignSpec(
                s.campaignId(),
                s.mode(),
                s.target(),
                s.source(),
                s.restore(),
                s.jobNamePrefix(),
                s.enterpriseProjectId(),
                tags,
                s.description(),
                s.timing());
    }

    private static CampaignSpec timing(CampaignSpec s, Timing timing) {
        return new CampaignSpec(
                s.campaignId(),
                s.mode(),
                s.target(),
                s.source(),
                s.restore(),
                s.jobNamePrefix(),
                s.enterpriseProjectId(),
                s.tags(),
                s.description(),
                timing);
    }

    /** Specs written before finalWatchSeconds existed carry 0, the default: four listings a second. */
    @Test
    void aTimingWithoutFinalWatchSecondsWatchesFourTimesASecond() {
        Timing before = new Timing(60, 120, 1800, 500, 0);
        assertTrue(CampaignSpecValidator.validate(timing(fullAndIncremental(), before))
                .isEmpty());
        assertEquals(Duration.ofMillis(250), before.finalWatchEvery());
        assertEquals(Duration.ofSeconds(5), new Timing(60, 120, 1800, 500, 5).finalWatchEvery());
    }
}
