package io.cutover.drs.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.drs.model.BackupFile;
import io.cutover.drs.model.BackupInfo;
import io.cutover.drs.model.BaseInfo;
import io.cutover.drs.model.CreateJobRequest;
import io.cutover.drs.model.FileSource;
import io.cutover.drs.model.RecoveryMode;
import io.cutover.drs.model.ResourceTag;
import io.cutover.drs.model.RestoreOptions;
import io.cutover.drs.model.SeedExamples;
import io.cutover.drs.model.TargetDbInfo;
import io.cutover.drs.model.UpdateJobRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule with a request that passes it and one that breaks it. */
class CreateRequestPrecheckTest {

    private static final CreateJobRequest VALID_OBS = SeedExamples.obsIncreNotLast();
    private static final CreateJobRequest VALID_RDS = SeedExamples.rdsFull();

    // --- base_info.name ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {"abcd", "DRS-7527", "camp_1-full-0001", "A123456789012345678901234567890123456789012345678Z"})
    void nameWithinRulePasses(String name) {
        assertEquals(List.of(), CreateRequestPrecheck.check(withBase(base(name, "sqlserver", List.of()))));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"abc", "has space", "dot.name", "A1234567890123456789012345678901234567890123456789Z", "名字名字"})
    void nameBreakingRuleFails(String name) {
        assertEquals(
                List.of(new Violation("base_info.name", CreateRequestPrecheck.NAME_RULE)),
                CreateRequestPrecheck.check(withBase(base(name, "sqlserver", List.of()))));
    }

    @Test
    void missingNameFails() {
        assertEquals(
                List.of(new Violation("base_info.name", CreateRequestPrecheck.NAME_RULE)),
                CreateRequestPrecheck.check(withBase(base(null, "sqlserver", List.of()))));
    }

    // --- base_info.engine_type --------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "SQLSERVER", ""})
    void engineOtherThanSqlserverFails(String engine) {
        assertEquals(
                List.of(new Violation("base_info.engine_type", CreateRequestPrecheck.ENGINE_RULE)),
                CreateRequestPrecheck.check(withBase(base("DRS-7527", engine, List.of()))));
    }

    // --- base_info.tags ---------------------------------------------------------------------

    @Test
    void tagsWithinRulesPass() {
        List<ResourceTag> tags = List.of(
                new ResourceTag("env", "prod db 1"),
                new ResourceTag("a_b-C9", "_.:/=+-@ x"),
                new ResourceTag("k".repeat(36), ""));
        assertEquals(List.of(), CreateRequestPrecheck.check(withBase(base("DRS-7527", "sqlserver", tags))));
    }

    @Test
    void tagKeyTooLongOrWithOtherCharactersFails() {
        List<ResourceTag> tags = List.of(new ResourceTag("k".repeat(37), "v"), new ResourceTag("a.b", "v"));
        assertEquals(
                List.of(
                        new Violation("base_info.tags[0].key", CreateRequestPrecheck.TAG_KEY_RULE),
                        new Violation("base_info.tags[1].key", CreateRequestPrecheck.TAG_KEY_RULE)),
                CreateRequestPrecheck.check(withBase(base("DRS-7527", "sqlserver", tags))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"semi;colon", "quote'", "star*", "hash#"})
    void tagValueWithOtherCharactersFails(String value) {
        List<ResourceTag> tags = List.of(new ResourceTag("ok", "fine"), new ResourceTag("k", value));
        assertEquals(
                List.of(new Violation("base_info.tags[1].value", CreateRequestPrecheck.TAG_VALUE_RULE)),
                CreateRequestPrecheck.check(withBase(base("DRS-7527", "sqlserver", tags))));
    }

    // --- backup_info.bucket_name ------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"abc", "zyy-obs", "my.bucket-1", "0bucket9"})
    void bucketWithinRulesPasses(String bucket) {
        assertEquals(List.of(), CreateRequestPrecheck.check(withObsBucket(bucket)));
    }

    @Test
    void bucketTooShortOrTooLongFails() {
        assertEquals(
                List.of(new Violation("backup_info.bucket_name", CreateRequestPrecheck.BUCKET_LENGTH_RULE)),
                CreateRequestPrecheck.check(withObsBucket("ab")));
        assertEquals(
                List.of(new Violation("backup_info.bucket_name", CreateRequestPrecheck.BUCKET_LENGTH_RULE)),
                CreateRequestPrecheck.check(withObsBucket("a".repeat(64))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper-bucket", "under_score", "sp ace"})
    void bucketWithOtherCharactersFails(String bucket) {
        assertEquals(
                List.of(new Violation("backup_info.bucket_name", CreateRequestPrecheck.BUCKET_CHARSET_RULE)),
                CreateRequestPrecheck.check(withObsBucket(bucket)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-bucket", "bucket.", ".bucket-"})
    void bucketStartingOrEndingWithPunctuationFails(String bucket) {
        assertEquals(
                List.of(new Violation("backup_info.bucket_name", CreateRequestPrecheck.BUCKET_ENDS_RULE)),
                CreateRequestPrecheck.check(withObsBucket(bucket)));
    }

    @Test
    void bucketThatIsAnIpAddressFails() {
        assertEquals(
                List.of(new Violation("backup_info.bucket_name", CreateRequestPrecheck.BUCKET_IP_RULE)),
                CreateRequestPrecheck.check(withObsBucket("192.168.1.10")));
    }

    @Test
    void obsWithoutBucketFails() {
        assertEquals(
                List.of(new Violation("backup_info.bucket_name", "required when file_source is OBS")),
                CreateRequestPrecheck.check(withObsBucket(null)));
    }

    // --- backup_info.file_source ------------------------------------------------------------

    @Test
    void missingFileSourceFails() {
        CreateJobRequest request =
                withBackup(new BackupInfo(null, "zyy-obs", List.of(BackupFile.inObs("ims.bak", ""))));
        assertEquals(
                List.of(new Violation("backup_info.file_source", CreateRequestPrecheck.FILE_SOURCE_RULE)),
                CreateRequestPrecheck.check(request));
    }

    @Test
    void fileSourceIsReadInAnyCaseButOnlyObsOrRds() {
        assertEquals(FileSource.OBS, FileSource.fromWire("obs"));
        assertEquals(null, FileSource.fromWire("S3"));
    }

    // --- backup_info.files ------------------------------------------------------------------

    @Test
    void obsWithoutFilesFails() {
        CreateJobRequest request = withBackup(new BackupInfo(FileSource.OBS, "zyy-obs", List.of()));
        assertEquals(
                List.of(new Violation("backup_info.files", "required: at least one file")),
                CreateRequestPrecheck.check(request));
    }

    @Test
    void obsFileWithoutNameFails() {
        assertEquals(
                List.of(new Violation("backup_info.files[0].name", "required when file_source is OBS")),
                CreateRequestPrecheck.check(withObsFile("")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.bak", "Camp_1-LOG-20240129_101500.bak"})
    void bakNamesWithinRulePass(String name) {
        assertEquals(List.of(), CreateRequestPrecheck.check(withObsFile(name)));
    }

    @Test
    void twoHundredCharacterStemPassesAndTwoHundredOneFails() {
        assertEquals(List.of(), CreateRequestPrecheck.check(withObsFile("s".repeat(200) + ".bak")));
        assertEquals(
                List.of(new Violation("backup_info.files[0].name", CreateRequestPrecheck.FILE_STEM_RULE)),
                CreateRequestPrecheck.check(withObsFile("s".repeat(201) + ".bak")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"log.trn", "full.BAK", "backup"})
    void nameWithoutBakExtensionFails(String name) {
        assertEquals(
                List.of(new Violation("backup_info.files[0].name", CreateRequestPrecheck.FILE_EXTENSION_RULE)),
                CreateRequestPrecheck.check(withObsFile(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {".bak", "srv$inst_db_LOG.bak", "with space.bak", "dot.ted.bak"})
    void bakStemWithOtherCharactersFails(String name) {
        assertEquals(
                List.of(new Violation("backup_info.files[0].name", CreateRequestPrecheck.FILE_STEM_RULE)),
                CreateRequestPrecheck.check(withObsFile(name)));
    }

    @Test
    void rdsNeedsFileIdVersionAndSourceInstance() {
        CreateJobRequest request = new CreateJobRequest(
                VALID_RDS.baseInfo(),
                new TargetDbInfo("inst", "off", " "),
                new BackupInfo(FileSource.RDS, null, List.of(new BackupFile("", "", null, ""))),
                VALID_RDS.options());
        assertEquals(
                List.of(
                        new Violation("backup_info.files[0].rds_version", "required when file_source is RDS"),
                        new Violation(
                                "backup_info.files[0].rds_source_instance_id", "required when file_source is RDS"),
                        new Violation("target_db_info.file_id", "required when file_source is RDS")),
                CreateRequestPrecheck.check(request));
    }

    @Test
    void rdsPassesWithoutBucketOrBakName() {
        assertEquals(List.of(), CreateRequestPrecheck.check(VALID_RDS));
    }

    // --- target_db_info ---------------------------------------------------------------------

    @Test
    void missingTargetInstanceFails() {
        CreateJobRequest request = new CreateJobRequest(
                VALID_OBS.baseInfo(), new TargetDbInfo(null, "off", ""), VALID_OBS.backupInfo(), VALID_OBS.options());
        assertEquals(
                List.of(new Violation("target_db_info.target_instance_id", "required")),
                CreateRequestPrecheck.check(request));
    }

    // --- options ----------------------------------------------------------------------------

    @Test
    void missingRecoveryModeLastBackupAndPrecheckFail() {
        RestoreOptions options = new RestoreOptions(true, true, null, null, null, null, null, null);
        assertEquals(
                List.of(
                        new Violation("options.is_last_backup", "required: true or false"),
                        new Violation("options.is_precheck", "required: true or false"),
                        new Violation("options.recovery_mode", CreateRequestPrecheck.RECOVERY_MODE_RULE)),
                CreateRequestPrecheck.check(withOptions(options)));
    }

    @Test
    void notDefaultRestoreWithDatabasesPasses() {
        RestoreOptions options =
                new RestoreOptions(false, false, false, true, RecoveryMode.INCRE, List.of("db1"), null, null);
        assertEquals(List.of(), CreateRequestPrecheck.check(withOptions(options)));
    }

    @Test
    void notDefaultRestoreWithoutDatabasesFails() {
        for (List<String> dbNames : Arrays.asList(null, List.<String>of(), List.of(""))) {
            RestoreOptions options =
                    new RestoreOptions(false, false, false, true, RecoveryMode.INCRE, dbNames, null, null);
            assertEquals(
                    List.of(new Violation("options.db_names", CreateRequestPrecheck.DB_NAMES_RULE)),
                    CreateRequestPrecheck.check(withOptions(options)));
        }
    }

    @Test
    void renameOfASingleDatabaseInAFullLastBackupPasses() {
        RestoreOptions options = new RestoreOptions(
                false, false, true, true, RecoveryMode.FULL, List.of("db1"), Map.of("", "db1_new"), null);
        assertEquals(List.of(), CreateRequestPrecheck.check(withOptions(options)));
    }

    @Test
    void renameInAnIncrementalNotLastBackupOfSeveralDatabasesFailsEveryRule() {
        RestoreOptions options = new RestoreOptions(
                false, false, false, true, RecoveryMode.INCRE, List.of("db1", "db2"), Map.of("", "db1_new"), null);
        assertEquals(
                List.of(
                        new Violation("options.reset_db_name_map", CreateRequestPrecheck.RESET_FULL_RULE),
                        new Violation("options.reset_db_name_map", CreateRequestPrecheck.RESET_LAST_RULE),
                        new Violation("options.reset_db_name_map", CreateRequestPrecheck.RESET_SINGLE_RULE)),
                CreateRequestPrecheck.check(withOptions(options)));
    }

    @Test
    void twoRenamesFailTheSingleDatabaseRule() {
        RestoreOptions options =
                new RestoreOptions(true, true, true, true, RecoveryMode.FULL, null, Map.of("a", "a1", "b", "b1"), null);
        assertEquals(
                List.of(new Violation("options.reset_db_name_map", CreateRequestPrecheck.RESET_SINGLE_RULE)),
                CreateRequestPrecheck.check(withOptions(options)));
    }

    @Test
    void nullEntriesInListsAreNamed() {
        CreateJobRequest request = new CreateJobRequest(
                base("DRS-7527", "sqlserver", Arrays.asList(new ResourceTag("k", "v"), null)),
                VALID_OBS.targetDbInfo(),
                new BackupInfo(FileSource.OBS, "zyy-obs", Arrays.asList(BackupFile.inObs("a.bak", ""), null)),
                new RestoreOptions(
                        false, false, false, true, RecoveryMode.INCRE, Arrays.asList("db1", null), null, null));
        assertEquals(
                List.of(
                        new Violation("base_info.tags[1]", "must not be null"),
                        new Violation("backup_info.files[1]", "must not be null"),
                        new Violation("options.db_names[1]", "must not be null")),
                CreateRequestPrecheck.check(request));
    }

    // --- all violations at once -------------------------------------------------------------

    @Test
    void everyViolationIsCollectedAndNamedInTheMessage() {
        CreateJobRequest request = new CreateJobRequest(
                base("x", "mysql", List.of()),
                new TargetDbInfo("", null, null),
                new BackupInfo(FileSource.OBS, "Bad_Bucket", List.of(BackupFile.inObs("log.trn", null))),
                new RestoreOptions(null, null, null, true, RecoveryMode.FULL, null, null, null));

        InvalidRequestException error =
                assertThrows(InvalidRequestException.class, () -> CreateRequestPrecheck.requireValid(request));

        assertEquals(
                List.of(
                        new Violation("base_info.name", CreateRequestPrecheck.NAME_RULE),
                        new Violation("base_info.engine_type", CreateRequestPrecheck.ENGINE_RULE),
                        new Violation("target_db_info.target_instance_id", "required"),
                        new Violation("backup_info.bucket_name", CreateRequestPrecheck.BUCKET_CHARSET_RULE),
                        new Violation("backup_info.files[0].name", CreateRequestPrecheck.FILE_EXTENSION_RULE),
                        new Violation("options.is_last_backup", "required: true or false")),
                error.violations());
        assertTrue(error.getMessage().contains("6 violations"));
        assertTrue(error.getMessage().contains("backup_info.files[0].name: must end with .bak"));
    }

    @Test
    void missingSectionsAreEachNamed() {
        assertEquals(
                List.of(
                        new Violation("base_info", "required"),
                        new Violation("target_db_info", "required"),
                        new Violation("backup_info", "required"),
                        new Violation("options", "required")),
                CreateRequestPrecheck.check(new CreateJobRequest(null, null, null, null)));
    }

    @Test
    void updateNameFollowsTheTaskNameRule() {
        CreateRequestPrecheck.requireValid(new UpdateJobRequest("new-name", "d"));
        CreateRequestPrecheck.requireValid(new UpdateJobRequest(null, "description only"));
        InvalidRequestException error = assertThrows(
                InvalidRequestException.class,
                () -> CreateRequestPrecheck.requireValid(new UpdateJobRequest("no", null)));
        assertEquals(List.of(new Violation("name", CreateRequestPrecheck.NAME_RULE)), error.violations());
    }

    // --- helpers ----------------------------------------------------------------------------

    private static BaseInfo base(String name, String engine, List<ResourceTag> tags) {
        return new BaseInfo(name, engine, "Description", tags, "0");
    }

    private static CreateJobRequest withBase(BaseInfo base) {
        return new CreateJobRequest(base, VALID_OBS.targetDbInfo(), VALID_OBS.backupInfo(), VALID_OBS.options());
    }

    private static CreateJobRequest withBackup(BackupInfo backup) {
        return new CreateJobRequest(VALID_OBS.baseInfo(), VALID_OBS.targetDbInfo(), backup, VALID_OBS.options());
    }

    private static CreateJobRequest withObsBucket(String bucket) {
        return withBackup(
                new BackupInfo(FileSource.OBS, bucket, VALID_OBS.backupInfo().files()));
    }

    private static CreateJobRequest withObsFile(String name) {
        return withBackup(new BackupInfo(FileSource.OBS, "zyy-obs", List.of(BackupFile.inObs(name, "floder/"))));
    }

    private static CreateJobRequest withOptions(RestoreOptions options) {
        return new CreateJobRequest(VALID_OBS.baseInfo(), VALID_OBS.targetDbInfo(), VALID_OBS.backupInfo(), options);
    }
}
