package io.cutover.drs.model;

import java.util.List;
import java.util.Map;

/**
 * The seed's five example requests, built through the client's types. Tests compare what
 * these serialise to with the seed's JSON kept under {@code src/test/resources/seed}.
 */
public final class SeedExamples {

    public static final String OBS_ONE_TIME_FULL = "seed/01-obs-one-time-full.json";
    public static final String RDS_FULL = "seed/02-rds-full.json";
    public static final String OBS_FULL_NOT_LAST = "seed/03-obs-full-not-last.json";
    public static final String OBS_INCRE_NOT_LAST = "seed/04-obs-incre-not-last.json";
    public static final String OBS_INCRE_LAST = "seed/05-obs-incre-last.json";

    private static final String TARGET = "0a3182607bc549bcb46cc9a8755761a6in04";

    private SeedExamples() {}

    public static CreateJobRequest obsOneTimeFull() {
        return new CreateJobRequest(
                new BaseInfo(
                        "DRS-7526",
                        "sqlserver",
                        "Destination RDS instance name: rds-sqlserver-2022-stand",
                        List.of(),
                        "0"),
                new TargetDbInfo(TARGET, "off", ""),
                new BackupInfo(
                        FileSource.OBS,
                        "zyy-obs",
                        List.of(BackupFile.inObs("1706510914000_0_Test_Database.bak", null))),
                consoleOptions(RecoveryMode.FULL, true));
    }

    /**
     * The seed sends "is_last_backup": "" and "recovery_mode": "" here; the client sends proper
     * values instead (a one-time full restore: full and last).
     */
    public static CreateJobRequest rdsFull() {
        Map<String, String> keepNames = new java.util.LinkedHashMap<>();
        keepNames.put("db_test12", "");
        keepNames.put("db_hailiang_schema", "");
        keepNames.put("db_sqls2v5_01", "");
        return new CreateJobRequest(
                new BaseInfo("DRS-7526", "sqlserver", "miao'shu", List.of(), "0"),
                new TargetDbInfo(TARGET, "off", "0d87037d934848999fdc10bbabb08e6fbr04"),
                new BackupInfo(
                        FileSource.RDS,
                        null,
                        List.of(new BackupFile("", "", "2019_EE", "7fb189b57339473a929d41dabb3878a2in04"))),
                new RestoreOptions(
                        null,
                        null,
                        true,
                        true,
                        RecoveryMode.FULL,
                        List.of("db_test12", "db_hailiang_schema", "db_sqls2v5_01"),
                        keepNames,
                        null));
    }

    public static CreateJobRequest obsFullNotLast() {
        return obsFolderJob("ims.bak", RecoveryMode.FULL, false);
    }

    public static CreateJobRequest obsIncreNotLast() {
        return obsFolderJob("ims_log1.bak", RecoveryMode.INCRE, false);
    }

    public static CreateJobRequest obsIncreLast() {
        return obsFolderJob("ims_log2.bak", RecoveryMode.INCRE, true);
    }

    private static CreateJobRequest obsFolderJob(String file, RecoveryMode mode, boolean last) {
        return new CreateJobRequest(
                new BaseInfo("DRS-7527", "sqlserver", "Description", List.of(), "0"),
                new TargetDbInfo(TARGET, "off", ""),
                new BackupInfo(FileSource.OBS, "zyy-obs", List.of(BackupFile.inObs(file, "floder/"))),
                consoleOptions(mode, last));
    }

    /** The options the console sends for an OBS job, as in the seed's four OBS examples. */
    private static RestoreOptions consoleOptions(RecoveryMode mode, boolean last) {
        return new RestoreOptions(true, true, last, true, mode, List.of(""), Map.of(), true);
    }
}
