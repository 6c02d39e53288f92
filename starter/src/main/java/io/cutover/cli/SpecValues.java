package io.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The values a spec will run with, one field a line, those the file left out marked
 * "(default)": what {@code cutover start --dry-run} shows before anything is started.
 */
final class SpecValues {

    private SpecValues() {}

    static String describe(JsonNode values, List<String> defaulted) {
        StringBuilder out = new StringBuilder("values (\"(default)\": left out of the file):\n");
        walk(values, "", defaulted, out);
        return out.toString();
    }

    private static void walk(JsonNode node, String path, List<String> defaulted, StringBuilder out) {
        if (node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), defaulted, out);
            }
            return;
        }
        if (node.isArray() && !node.isEmpty() && node.get(0).isObject()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", defaulted, out);
            }
            return;
        }
        out.append("  ").append(path).append(": ").append(node.isTextual() ? node.asText() : node.toString());
        if (isDefault(path, defaulted)) {
            out.append("  (default)");
        }
        out.append('\n');
    }

    /** A field filled by default, or inside a section filled whole. */
    private static boolean isDefault(String path, List<String> defaulted) {
        return defaulted.stream().anyMatch(d -> path.equals(d) || path.startsWith(d + ".") || path.startsWith(d + "["));
    }
}
