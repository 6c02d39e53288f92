package io.cutover.drs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.drs.validation.CreateRequestPrecheck;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden tests: the client's types produce the seed's example bodies. */
class CreateJobRequestJsonTest {

    private static final ObjectMapper JSON = DrsJson.mapper();

    static Stream<Arguments> seedExamples() {
        return Stream.of(
                Arguments.of(SeedExamples.OBS_ONE_TIME_FULL, SeedExamples.obsOneTimeFull()),
                Arguments.of(SeedExamples.OBS_FULL_NOT_LAST, SeedExamples.obsFullNotLast()),
                Arguments.of(SeedExamples.OBS_INCRE_NOT_LAST, SeedExamples.obsIncreNotLast()),
                Arguments.of(SeedExamples.OBS_INCRE_LAST, SeedExamples.obsIncreLast()));
    }

    static JsonNode seed(String resource) throws IOException {
        try (InputStream in = CreateJobRequestJsonTest.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest
    @MethodSource("seedExamples")
    void obsExamplesSerialiseExactlyAsTheSeed(String resource, CreateJobRequest request) throws IOException {
        assertEquals(seed(resource), JSON.valueToTree(request));
    }

    @Test
    void rdsExampleSerialisesAsTheSeedWithProperValuesForItsEmptyStrings() throws IOException {
        ObjectNode expected = (ObjectNode) seed(SeedExamples.RDS_FULL);
        ObjectNode options = (ObjectNode) expected.get("options");
        // The seed's own quirks, which the client must not reproduce: "" for a Boolean and an enum.
        assertEquals("", options.get("is_last_backup").asText());
        assertEquals("", options.get("recovery_mode").asText());
        options.put("is_last_backup", true);
        options.put("recovery_mode", "full");

        JsonNode sent = JSON.valueToTree(SeedExamples.rdsFull());

        assertEquals(expected, sent);
        assertTrue(sent.at("/options/is_last_backup").isBoolean());
    }

    @Test
    void everyOneOfTheSeedsExamplesPassesValidation() {
        for (CreateJobRequest request : List.of(
                SeedExamples.obsOneTimeFull(),
                SeedExamples.rdsFull(),
                SeedExamples.obsFullNotLast(),
                SeedExamples.obsIncreNotLast(),
                SeedExamples.obsIncreLast())) {
            assertEquals(List.of(), CreateRequestPrecheck.check(request));
        }
    }

    @Test
    void obsPathIsSentAsEmptyStringWhenAbsentAndUnsetOptionsAreLeftOut() {
        JsonNode sent = JSON.valueToTree(new CreateJobRequest(
                new BaseInfo("job-0001", "sqlserver", null, null, null),
                new TargetDbInfo("inst", null, null),
                new BackupInfo(FileSource.OBS, "bucket", List.of(BackupFile.inObs("a.bak", null))),
                new RestoreOptions(null, null, false, true, RecoveryMode.INCRE, null, null, null)));

        JsonNode file = sent.at("/backup_info/files/0");
        assertTrue(file.has("obs_path"));
        assertEquals("", file.get("obs_path").asText());
        assertFalse(file.has("rds_version"));
        assertFalse(sent.get("base_info").has("tags"));
        assertFalse(sent.get("options").has("is_cover"));
        assertEquals("incre", sent.at("/options/recovery_mode").asText());
    }

    @Test
    void resetDbNameMapIsAnObjectWithTheEmptyKey() {
        RestoreOptions options =
                new RestoreOptions(null, true, true, true, RecoveryMode.FULL, null, Map.of("", "new_db"), null);

        JsonNode sent = JSON.valueToTree(options).get("reset_db_name_map");

        assertTrue(sent.isObject());
        assertEquals("new_db", sent.get("").asText());
    }

    @Test
    void theSeedsRdsExampleIsReadLeniently() throws IOException {
        CreateJobRequest read = JSON.treeToValue(seed(SeedExamples.RDS_FULL), CreateJobRequest.class);

        assertEquals(FileSource.RDS, read.backupInfo().fileSource());
        assertEquals(null, read.options().lastBackup());
        assertEquals(null, read.options().recoveryMode());
        assertEquals(3, read.options().resetDbNameMap().size());
    }
}
