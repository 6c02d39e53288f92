package io.cutover.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.WaveSpec;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads a campaign spec from YAML (JSON is YAML too), naming the field that does not fit. */
final class SpecFile {
    private SpecFile() {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    static CampaignSpec read(Path file) {
        return read(file, CampaignSpec.class);
    }

    /** A wave spec (one with a waveId) or a campaign spec, whichever the file holds. */
    static Object readCampaignOrWave(Path file) {
        try {
            JsonNode tree = YAML.readTree(file.toFile());
            return tree != null && tree.has("waveId") ? read(file, WaveSpec.class) : read(file, CampaignSpec.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new CliFailure(CliFailure.USAGE, file + ": no such spec file");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.REJECTED, file + ": not readable as YAML: " + e.getMessage());
        }
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            T spec = YAML.readValue(file.toFile(), type);
            if (spec == null) {
                throw new CliFailure(CliFailure.REJECTED, file + ": the spec file is empty");
            }
            return spec;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new CliFailure(CliFailure.USAGE, file + ": no such spec file");
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            throw new CliFailure(
                    CliFailure.REJECTED, file + ": " + (field.isEmpty() ? "" : field + ": ") + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CliFailure(CliFailure.REJECTED, file + ": not readable as YAML: " + e.getMessage());
        }
    }
}
