package io.cutover.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpecValidator;
import io.cutover.spec.SpecDefaults;
import io.cutover.spec.SpecShape;
import io.cutover.spec.SpecViolation;
import io.cutover.spec.WaveSpec;
import io.cutover.spec.WaveSpecs;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a campaign or wave spec from YAML (JSON is YAML too): every field's shape checked (wrong
 * type, unknown field with the one meant, a word not in the list), the defaults filled in, then
 * every rule; all the problems of the file in one refusal, each with its line and field.
 */
final class SpecFile {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * A spec read, valid in shape and rules.
     *
     * @param spec a {@link CampaignSpec} or a {@link WaveSpec}
     * @param defaulted the fields the file left out, filled with their defaults
     * @param values the spec as it will run, as a tree (for --dry-run's listing)
     */
    record Loaded(Object spec, List<String> defaulted, JsonNode values) {}

    private SpecFile() {}

    static CampaignSpec read(Path file) {
        Loaded loaded = load(file);
        if (!(loaded.spec() instanceof CampaignSpec campaign)) {
            throw new CliFailure(CliFailure.REJECTED, file + ": a wave spec (it has a waveId), not a campaign spec");
        }
        return campaign;
    }

    /** A wave spec (one with a waveId) or a campaign spec, whichever the file holds. */
    static Object readCampaignOrWave(Path file) {
        return load(file).spec();
    }

    static Loaded load(Path file) {
        LocatedYaml.Parsed parsed;
        try {
            parsed = LocatedYaml.read(file);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new CliFailure(CliFailure.USAGE, file + ": no such spec file");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.REJECTED, file + ": not readable as YAML: " + firstLine(e.getMessage()));
        }
        if (parsed.tree() == null || parsed.tree().isNull()) {
            throw new CliFailure(CliFailure.REJECTED, file + ": the spec file is empty");
        }
        if (!parsed.tree().isObject()) {
            throw new CliFailure(
                    CliFailure.REJECTED,
                    file + ": a spec is a section of fields (key: value lines), not a list or a value");
        }
        ObjectNode tree = (ObjectNode) parsed.tree();
        boolean wave = tree.has("waveId");
        Class<?> type = wave ? WaveSpec.class : CampaignSpec.class;
        List<SpecViolation> problems = new ArrayList<>(SpecShape.check(type, tree));
        // What does not fit is left out, so that the rules can still be checked on the rest; a rule
        // about a field already named for its shape would say the same thing twice.
        problems.forEach(problem -> remove(tree, problem.field()));
        Set<String> misshapen = new HashSet<>();
        problems.forEach(problem -> misshapen.add(problem.field()));
        List<String> defaulted;
        Object spec;
        if (wave) {
            defaulted = SpecDefaults.applyToWave(tree);
            WaveSpec waveSpec = MAPPER.convertValue(tree, WaveSpec.class);
            addRules(problems, WaveSpecs.validate(waveSpec), misshapen);
            spec = waveSpec;
        } else {
            defaulted = SpecDefaults.applyToCampaign(tree);
            CampaignSpec campaign = MAPPER.convertValue(tree, CampaignSpec.class);
            addRules(problems, CampaignSpecValidator.validate(campaign), misshapen);
            spec = campaign;
        }
        rejectIfAny(file, parsed, problems);
        return new Loaded(spec, defaulted, tree);
    }

    private static void addRules(List<SpecViolation> problems, List<SpecViolation> rules, Set<String> misshapen) {
        rules.stream().filter(rule -> !misshapen.contains(rule.field())).forEach(problems::add);
    }

    /** Every problem at once, one a line, by line in the file; the exit code says "rejected". */
    private static void rejectIfAny(Path file, LocatedYaml.Parsed parsed, List<SpecViolation> problems) {
        if (problems.isEmpty()) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (SpecViolation problem : problems) {
            int line = parsed.lineOf(problem.field());
            seen.add((line > 0 ? "line " + line + ": " : "") + problem.field() + ": " + problem.rule());
        }
        List<String> lines = new ArrayList<>(seen);
        lines.sort((a, b) -> Integer.compare(lineNumber(a), lineNumber(b)));
        throw new CliFailure(
                CliFailure.REJECTED,
                file + ": " + lines.size() + (lines.size() == 1 ? " problem" : " problems")
                        + "; nothing was started\n  " + String.join("\n  ", lines));
    }

    private static int lineNumber(String message) {
        if (!message.startsWith("line ")) {
            return Integer.MAX_VALUE;
        }
        return Integer.parseInt(message.substring(5, message.indexOf(':')));
    }

    /** Removes the field at {@code path} ("a.b", "tags[2].key") from the tree, if it is there. */
    private static void remove(JsonNode tree, String path) {
        JsonNode parent = tree;
        String[] steps = path.replace("[", ".[").split("\\.");
        for (int i = 0; i < steps.length - 1 && parent != null; i++) {
            parent = step(parent, steps[i]);
        }
        String last = steps[steps.length - 1];
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array && last.startsWith("[")) {
            array.set(Integer.parseInt(last.substring(1, last.length() - 1)), NullNode.getInstance());
        }
    }

    private static JsonNode step(JsonNode node, String step) {
        if (step.startsWith("[")) {
            return node.get(Integer.parseInt(step.substring(1, step.length() - 1)));
        }
        return node.get(step);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
