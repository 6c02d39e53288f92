package io.cutover.worker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/worker.schema.json is the schema {@link ConfigKey} gives (so it cannot drift), the example
 * configuration validates against it and names it for editors, and an independent validator
 * agrees with the worker's loader on known and unknown keys. After changing a key, write it
 * again: {@code mvn -pl worker test -Dtest=ConfigSchemaTest -DwriteSchemas=true}.
 */
class ConfigSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path SCHEMA = Path.of("../docs/worker.schema.json");
    private static final Path EXAMPLE = Path.of("../docs/worker.example.yaml");

    @TempDir
    Path dir;

    @Test
    void thePublishedSchemaIsTheOneTheKeysGive() throws IOException {
        String text = JSON.writeValueAsString(ConfigSchema.schema()) + "\n";
        if (Boolean.getBoolean("writeSchemas")) {
            Files.writeString(SCHEMA, text);
        }
        assertEquals(text, Files.readString(SCHEMA), SCHEMA + " is not the schema ConfigKey gives: write it again");
    }

    @Test
    void theExampleValidatesAndNamesItsSchema() throws IOException {
        assertEquals(Set.of(), errors(YAML.readTree(EXAMPLE.toFile())));
        assertTrue(Files.readString(EXAMPLE).startsWith("# yaml-language-server: $schema=worker.schema.json"));
    }

    /** The schema and the loader agree: a known key at any depth passes both, an unknown one neither. */
    @Test
    void theSchemaAndTheLoaderAgreeOnKnownAndUnknownKeys() throws IOException {
        String base = ConfigLoaderTest.MINIMAL.formatted(dir);
        Map<String, String> env = Map.of("DRS_TOKEN", "a-token");
        for (String good : List.of(
                base, base + "polling:\n  workflowPollers: 4\n", base + "temporal:\n  tls:\n    enabled: false\n")) {
            assertEquals(Set.of(), errors(YAML.readTree(good)), good);
            ConfigLoader.load(write(good), env);
        }
        for (String bad : List.of(
                base + "polling:\n  workflowPoller: 4\n",
                base + "colour: blue\n",
                base + "ops:\n  tls:\n    on: true\n")) {
            assertFalse(errors(YAML.readTree(bad)).isEmpty(), "the schema accepts: " + bad);
            assertThrows(ConfigException.class, () -> ConfigLoader.load(write(bad), env), bad);
        }
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("worker.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static Set<ValidationMessage> errors(JsonNode config) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(ConfigSchema.schema())
                .validate(config);
    }
}
