package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.SpecSchema;
import io.cutover.spec.SpecShape;
import io.cutover.spec.WaveSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schemas under docs/ are the ones the build writes from the spec records (so they cannot
 * drift), every documented example validates against them, and an independent validator agrees
 * with the product's own reader on a corpus of good and misshapen specs. After changing a spec
 * record, write them again: {@code mvn -pl starter test -Dtest=SpecSchemaTest -DwriteSchemas=true}.
 */
class SpecSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DOCS = Path.of("../docs");

    @Test
    void thePublishedSchemasAreTheOnesTheRecordsGive() throws IOException {
        check(DOCS.resolve("campaign.schema.json"), SpecSchema.campaign());
        check(DOCS.resolve("wave.schema.json"), SpecSchema.wave());
    }

    private static void check(Path file, JsonNode generated) throws IOException {
        String text = JSON.writeValueAsString(generated) + "\n";
        if (Boolean.getBoolean("writeSchemas")) {
            Files.writeString(file, text);
        }
        assertEquals(text, Files.readString(file), file + " is not the schema the records give: write it again");
    }

    /** Every field of the spec is described (its default and rule), and no description is stale. */
    @Test
    void everyFieldIsDescribedAndEveryDescriptionIsAField() {
        JsonNode schema = SpecSchema.campaign();
        List<String> undescribed = new ArrayList<>();
        walk(schema, "", undescribed);
        assertEquals(List.of(), undescribed, "fields without a description in SpecSchema");
        for (String path : SpecSchema.CAMPAIGN_FIELDS.keySet()) {
            JsonNode at = schema;
            for (String step : path.split("\\.")) {
                at = step.endsWith("[]")
                        ? at.path("properties")
                                .path(step.substring(0, step.length() - 2))
                                .path("items")
                        : at.path("properties").path(step);
            }
            assertTrue(!at.isMissingNode(), "described but not a field: " + path);
        }
    }

    private static void walk(JsonNode schema, String path, List<String> undescribed) {
        JsonNode properties = schema.path("properties");
        properties.fieldNames().forEachRemaining(name -> {
            JsonNode field = properties.get(name);
            String child = path.isEmpty() ? name : path + "." + name;
            if (!field.has("description")) {
                undescribed.add(child);
            }
            walk(field, child, undescribed);
            if (field.has("items")) {
                walk(field.get("items"), child + "[]", undescribed);
            }
        });
    }

    @Test
    void theDocumentedExamplesValidateAgainstTheSchemas() throws IOException {
        assertEquals(
                Set.of(),
                errors(
                        SpecSchema.campaign(),
                        YAML.readTree(DOCS.resolve("campaign.example.yaml").toFile())));
        assertEquals(
                Set.of(),
                errors(
                        SpecSchema.wave(),
                        YAML.readTree(DOCS.resolve("wave.example.yaml").toFile())));
        for (String example : List.of("campaign.example.yaml", "wave.example.yaml")) {
            assertTrue(
                    Files.readString(DOCS.resolve(example)).startsWith("# yaml-language-server: $schema="),
                    example + " names its schema for editors");
        }
    }

    /** The schema and the product's reader agree, spec by spec: both accept, or both refuse. */
    @Test
    void theSchemaAndTheReaderAgreeOnGoodAndMisshapenSpecs() throws IOException {
        String minimal = """
                campaignId: orders-cutover
                target: {instanceId: 6b1c2d3e4f5a4b6c8d9e0f1a2b3c4d5ein04}
                source: {bucket: sql-backups, prefix: orders/, fullBackup: orders/full.bak, database: orders}
                """;
        List<String> good = List.of(
                minimal,
                minimal + "restore: {cover: false, dbNames: [orders]}\n",
                minimal + "timing: {pollIntervalSeconds: 30}\ntags: [{key: project, value: erp}]\n",
                minimal + "mode: ONE_TIME_FULL\nchain: {differentials: true}\n",
                Files.readString(DOCS.resolve("campaign.example.yaml")));
        List<String> misshapen = List.of(
                minimal + "timing: {pollIntervalSecond: 30}\n",
                minimal + "restore: {cover: yes please}\n",
                minimal + "mode: FULL\n",
                minimal + "timing: {settleSeconds: soon}\n",
                minimal + "tags: {key: project}\n",
                minimal + "restore: [cover]\n",
                minimal + "colour: blue\n",
                minimal + "timing: {pollIntervalSeconds: 1.5}\n",
                minimal + "restore: {dbNames: [[orders]]}\n");
        for (String spec : good) {
            JsonNode tree = YAML.readTree(spec);
            assertEquals(Set.of(), errors(SpecSchema.campaign(), tree), spec);
            assertEquals(List.of(), SpecShape.check(CampaignSpec.class, tree), spec);
        }
        for (String spec : misshapen) {
            JsonNode tree = YAML.readTree(spec);
            assertTrue(!errors(SpecSchema.campaign(), tree).isEmpty(), "the schema accepts: " + spec);
            assertTrue(!SpecShape.check(CampaignSpec.class, tree).isEmpty(), "the reader accepts: " + spec);
        }
        JsonNode wave = YAML.readTree(Files.readString(DOCS.resolve("wave.example.yaml")) + "colour: blue\n");
        assertTrue(!errors(SpecSchema.wave(), wave).isEmpty());
        assertTrue(!SpecShape.check(WaveSpec.class, wave).isEmpty());
    }

    private static Set<ValidationMessage> errors(JsonNode schemaNode, JsonNode spec) {
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
        return schema.validate(spec);
    }
}
