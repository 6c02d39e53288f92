package io.cutover.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML (or JSON) file read into a tree, with the line each field is on, so that a problem can be
 * shown where the operator typed it. Nothing is mapped to a type here: every field is kept as
 * written, whatever its shape, for {@code SpecShape} to judge all at once.
 */
final class LocatedYaml {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The tree, and the line of each field by its path ("timing.pollIntervalSeconds", "tags[0]"). */
    record Parsed(JsonNode tree, Map<String, Integer> lines) {

        /** The line of the field, or of the nearest section holding it; 0 when not in the file. */
        int lineOf(String path) {
            String at = path;
            while (!at.isEmpty()) {
                Integer line = lines.get(at);
                if (line != null) {
                    return line;
                }
                int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
                at = cut < 0 ? "" : at.substring(0, cut);
            }
            return 0;
        }
    }

    private LocatedYaml() {}

    static Parsed read(Path file) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Parsed(null, lines);
            }
            return new Parsed(value(parser, "", lines), lines);
        }
    }

    private static JsonNode value(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    lines.put(child, parser.currentTokenLocation().getLineNr());
                    parser.nextToken();
                    object.set(name, value(parser, child, lines));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String child = path + "[" + index++ + "]";
                    lines.put(child, parser.currentTokenLocation().getLineNr());
                    array.add(value(parser, child, lines));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }
}
