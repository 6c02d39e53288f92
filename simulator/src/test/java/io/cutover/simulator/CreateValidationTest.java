package io.cutover.simulator;

import static io.cutover.simulator.SimulatorHttp.json;
import static io.cutover.simulator.SimulatorHttp.seedExample;
import static io.cutover.simulator.SimulatorHttp.seedExampleTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Create-body validation over HTTP: the seed's five examples pass verbatim, and each rule of the
 * seed's tables turns a valid body into a 400 whose error_msg starts with the field's path.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CreateValidationTest extends SimulatorHttpTest {

    @ParameterizedTest
    @ValueSource(strings = {"obs-full-once", "rds-full", "obs-full-then-incre", "obs-incre", "obs-incre-last"})
    void acceptsEachSeedExampleVerbatim(String example) {
        HttpResponse<String> response = http.create(seedExample(example));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(json(response).get("job_id").asText().endsWith("jb01"));
        assertEquals(1, simulator.jobs().size());
    }

    @Test
    void acceptsTagsWithEveryAllowedCharacter() {
        ObjectNode body = seedExampleTree("obs-full-once");
        ArrayNode tags = (ArrayNode) body.at("/base_info/tags");
        tags.addObject().put("key", "Env_1-a").put("value", "a B 9 _ . : / = + - @");

        assertEquals(200, http.create(body).statusCode());
    }

    @Test
    void acceptsARenameOfASingleDatabaseFullLastBackupAndRestoresUnderTheNewName() {
        ObjectNode body = seedExampleTree("obs-full-once");
        ((ObjectNode) body.at("/options/reset_db_name_map")).put("", "Test_Renamed");

        String jobId = http.createOk(body);

        assertEquals("SUCCESS", http.showOk(jobId).get("status").asText());
        assertEquals("Test_Renamed", http.showOk(jobId).get("new_db_names").asText());
        assertTrue(simulator
                .database("0a3182607bc549bcb46cc9a8755761a6in04", "Test_Renamed")
                .isPresent());
    }

    static Stream<Arguments> invalidVariants() {
        return Stream.of(
                invalid("obs-full-once", "base_info", b -> b.remove("base_info")),
                invalid("obs-full-once", "target_db_info", b -> b.remove("target_db_info")),
                invalid("obs-full-once", "backup_info", b -> b.remove("backup_info")),
                invalid("obs-full-once", "options", b -> b.put("options", "full")),
                invalid(
                        "obs-full-once",
                        "base_info.name",
                        b -> obj(b, "/base_info").remove("name")),
                invalid(
                        "obs-full-once",
                        "base_info.name",
                        b -> obj(b, "/base_info").put("name", "abc")),
                invalid(
                        "obs-full-once",
                        "base_info.name",
                        b -> obj(b, "/base_info").put("name", "a".repeat(51))),
                invalid(
                        "obs-full-once",
                        "base_info.name",
                        b -> obj(b, "/base_info").put("name", "bad name")),
                invalid(
                        "obs-full-once",
                        "base_info.name",
                        b -> obj(b, "/base_info").put("name", 12345)),
                invalid(
                        "obs-full-once",
                        "base_info.engine_type",
                        b -> obj(b, "/base_info").put("engine_type", "mysql")),
                invalid(
                        "obs-full-once",
                        "base_info.engine_type",
                        b -> obj(b, "/base_info").remove("engine_type")),
                invalid(
                        "obs-full-once",
                        "base_info.tags[0].key",
                        b -> arr(b, "/base_info/tags")
                                .addObject()
                                .put("key", "k".repeat(37))
                                .put("value", "v")),
                invalid(
                        "obs-full-once",
                        "base_info.tags[0].key",
                        b -> arr(b, "/base_info/tags")
                                .addObject()
                                .put("key", "bad key")
                                .put("value", "v")),
                invalid(
                        "obs-full-once",
                        "base_info.tags[0].value",
                        b -> arr(b, "/base_info/tags")
                                .addObject()
                                .put("key", "k")
                                .put("value", "no#hash")),
                invalid(
                        "obs-full-once",
                        "target_db_info.target_instance_id",
                        b -> obj(b, "/target_db_info").put("target_instance_id", "")),
                invalid(
                        "obs-full-once",
                        "target_db_info.target_instance_id",
                        b -> obj(b, "/target_db_info").remove("target_instance_id")),
                invalid(
                        "obs-full-once",
                        "backup_info.file_source",
                        b -> obj(b, "/backup_info").put("file_source", "obs")),
                invalid(
                        "obs-full-once",
                        "backup_info.file_source",
                        b -> obj(b, "/backup_info").put("file_source", "S3")),
                invalid(
                        "obs-full-once",
                        "backup_info.bucket_name",
                        b -> obj(b, "/backup_info").remove("bucket_name")),
                invalid(
                        "obs-full-once",
                        "backup_info.bucket_name",
                        b -> obj(b, "/backup_info").put("bucket_name", "ab")),
                invalid(
                        "obs-full-once",
                        "backup_info.bucket_name",
                        b -> obj(b, "/backup_info").put("bucket_name", "b".repeat(64))),
                invalid(
                        "obs-full-once",
                        "backup_info.bucket_name",
                        b -> obj(b, "/backup_info").put("bucket_name", "Zyy-obs")),
                invalid(
                        "obs-full-once",
                        "backup_info.bucket_name",
                        b -> obj(b, "/backup_info").put("bucket_name", "-zyy-obs")),
                invalid(
                        "obs-full-once",
                        "backup_info.bucket_name",
                        b -> obj(b, "/backup_info").put("bucket_name", "zyy-obs.")),
                invalid(
                        "obs-full-once",
                        "backup_info.bucket_name",
                        b -> obj(b, "/backup_info").put("bucket_name", "zyy_obs")),
                invalid(
                        "obs-full-once",
                        "backup_info.bucket_name",
                        b -> obj(b, "/backup_info").put("bucket_name", "192.168.10.1")),
                invalid(
                        "obs-full-once",
                        "backup_info.files",
                        b -> obj(b, "/backup_info").remove("files")),
                invalid(
                        "obs-full-once",
                        "backup_info.files",
                        b -> obj(b, "/backup_info").putArray("files")),
                invalid(
                        "obs-full-once",
                        "backup_info.files[0].name",
                        b -> obj(b, "/backup_info/files/0").put("name", "ims.trn")),
                invalid(
                        "obs-full-once",
                        "backup_info.files[0].name",
                        b -> obj(b, "/backup_info/files/0").put("name", "i ms.bak")),
                invalid(
                        "obs-full-once",
                        "backup_info.files[0].name",
                        b -> obj(b, "/backup_info/files/0").put("name", ".bak")),
                invalid(
                        "obs-full-once",
                        "backup_info.files[0].name",
                        b -> obj(b, "/backup_info/files/0").put("name", "a".repeat(201) + ".bak")),
                invalid(
                        "obs-full-once",
                        "backup_info.files[0].name",
                        b -> obj(b, "/backup_info/files/0").remove("name")),
                invalid(
                        "obs-full-once",
                        "backup_info.files[0].obs_path",
                        b -> obj(b, "/backup_info/files/0").remove("obs_path")),
                invalid(
                        "obs-full-once",
                        "backup_info.files[0].obs_path",
                        b -> obj(b, "/backup_info/files/0").put("obs_path", "../other/")),
                invalid(
                        "rds-full",
                        "target_db_info.file_id",
                        b -> obj(b, "/target_db_info").put("file_id", "")),
                invalid(
                        "rds-full",
                        "backup_info.files[0].rds_version",
                        b -> obj(b, "/backup_info/files/0").remove("rds_version")),
                invalid(
                        "rds-full",
                        "backup_info.files[0].rds_source_instance_id",
                        b -> obj(b, "/backup_info/files/0").put("rds_source_instance_id", "")),
                invalid(
                        "rds-full",
                        "options.recovery_mode",
                        b -> obj(b, "/options").put("recovery_mode", "incre")),
                invalid(
                        "obs-full-once",
                        "options.recovery_mode",
                        b -> obj(b, "/options").put("recovery_mode", "FULL")),
                invalid(
                        "obs-full-once",
                        "options.recovery_mode",
                        b -> obj(b, "/options").put("recovery_mode", "")),
                invalid(
                        "obs-full-once",
                        "options.recovery_mode",
                        b -> obj(b, "/options").remove("recovery_mode")),
                invalid(
                        "obs-full-once",
                        "options.is_last_backup",
                        b -> obj(b, "/options").remove("is_last_backup")),
                invalid(
                        "obs-full-once",
                        "options.is_last_backup",
                        b -> obj(b, "/options").put("is_last_backup", "")),
                invalid(
                        "obs-full-once",
                        "options.is_last_backup",
                        b -> obj(b, "/options").put("is_last_backup", "true")),
                invalid(
                        "obs-full-once",
                        "options.is_precheck",
                        b -> obj(b, "/options").remove("is_precheck")),
                invalid(
                        "obs-full-once",
                        "options.is_cover",
                        b -> obj(b, "/options").put("is_cover", "yes")),
                invalid(
                        "obs-full-once",
                        "options.db_names",
                        b -> obj(b, "/options").put("is_default_restore", false)),
                invalid("obs-full-once", "options.db_names", b -> {
                    ArrayNode names = obj(b, "/options").putArray("db_names");
                    for (int i = 0; i < 101; i++) {
                        names.add("db" + i);
                    }
                }),
                invalid(
                        "obs-incre-last",
                        "options.reset_db_name_map",
                        b -> obj(b, "/options/reset_db_name_map").put("", "newdb")),
                invalid(
                        "obs-full-then-incre",
                        "options.reset_db_name_map",
                        b -> obj(b, "/options/reset_db_name_map").put("", "newdb")),
                invalid(
                        "obs-full-once",
                        "options.reset_db_name_map",
                        b -> obj(b, "/options/reset_db_name_map")
                                .put("a", "new_a")
                                .put("b", "new_b")),
                invalid("obs-full-once", "options.reset_db_name_map", b -> {
                    obj(b, "/options").put("is_default_restore", false);
                    obj(b, "/options").putArray("db_names").add("a").add("b");
                    obj(b, "/options/reset_db_name_map").put("", "newdb");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidVariants")
    void rejectsEachInvalidVariantNamingTheField(
            String description, String example, Consumer<ObjectNode> breakIt, String field) {
        ObjectNode body = seedExampleTree(example);
        breakIt.accept(body);

        HttpResponse<String> response = http.create(body);

        assertEquals(400, response.statusCode(), description + " -> " + response.body());
        JsonNode error = json(response);
        assertEquals("DRS.10000001", error.get("error_code").asText());
        assertTrue(
                error.get("error_msg").asText().startsWith(field + ": "),
                "error_msg names " + field + ": " + error.get("error_msg").asText());
        assertTrue(simulator.jobs().isEmpty(), "a refused create makes no job");
    }

    @Test
    void rejectsABodyThatIsNotAJsonObject() {
        HttpResponse<String> notJson = http.create("not json");
        HttpResponse<String> array = http.create("[]");

        assertEquals(400, notJson.statusCode());
        assertTrue(json(notJson).get("error_msg").asText().startsWith("request body: "));
        assertEquals(400, array.statusCode());
    }

    private static Arguments invalid(String example, String field, Consumer<ObjectNode> breakIt) {
        return Arguments.of(field + " (" + example + ")", example, breakIt, field);
    }

    private static ObjectNode obj(ObjectNode body, String pointer) {
        return (ObjectNode) body.at(pointer);
    }

    private static ArrayNode arr(ObjectNode body, String pointer) {
        return (ArrayNode) body.at(pointer);
    }
}
