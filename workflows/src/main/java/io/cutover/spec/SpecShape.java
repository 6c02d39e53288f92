package io.cutover.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What each field of a spec may hold, read from the spec's records themselves: a section of
 * fields, text, a whole number, true or false, one of a list of words, or a list. It checks a
 * parsed file (every field that does not fit, at once, in plain words, before anything is mapped)
 * and writes the JSON Schema editors use, so that the two cannot drift apart.
 */
public final class SpecShape {

    /** The kinds of value a field may hold, in the words an operator reads. */
    enum Kind {
        SECTION("a section of fields"),
        TEXT("text"),
        WHOLE("a whole number"),
        FLAG("true or false"),
        CHOICE("one of a list of words"),
        LIST("a list"),
        MAP("a section of names and values");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    private SpecShape() {}

    /** Every field of {@code node} that does not fit {@code type}'s shape; empty when all fit. */
    public static List<SpecViolation> check(Class<?> type, JsonNode node) {
        List<SpecViolation> problems = new ArrayList<>();
        check(type, type, node, "", problems);
        return problems;
    }

    /** The JSON Schema (draft 2020-12) of {@code type}: every field, its kind, and no others. */
    public static ObjectNode schema(Class<?> type, String title, Map<String, String> descriptions) {
        ObjectNode schema = schemaOf(type, type, "", descriptions);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("title", title);
        root.setAll(schema);
        return root;
    }

    private static void check(Class<?> raw, Type generic, JsonNode node, String path, List<SpecViolation> problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return; // left out: the default applies, or a rule says it is required
        }
        Kind kind = kindOf(raw);
        String field = path.isEmpty() ? "spec" : path;
        switch (kind) {
            case SECTION -> {
                if (!node.isObject()) {
                    problems.add(new SpecViolation(field, "must be " + kind.words + "; got " + describe(node)));
                    return;
                }
                RecordComponent[] components = raw.getRecordComponents();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String childPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                    RecordComponent component = Arrays.stream(components)
                            .filter(c -> c.getName().equals(entry.getKey()))
                            .findFirst()
                            .orElse(null);
                    if (component == null) {
                        problems.add(new SpecViolation(childPath, unknown(entry.getKey(), components)));
                    } else {
                        check(component.getType(), component.getGenericType(), entry.getValue(), childPath, problems);
                    }
                }
            }
            case TEXT -> {
                if (!node.isValueNode()) {
                    problems.add(new SpecViolation(field, "must be " + kind.words + "; got " + describe(node)));
                }
            }
            case WHOLE -> {
                boolean whole = node.isIntegralNumber()
                        || (node.isTextual() && node.asText().matches("-?\\d{1,18}"));
                if (!whole) {
                    problems.add(new SpecViolation(field, "must be " + kind.words + "; got " + describe(node)));
                } else if ((raw == int.class || raw == Integer.class)
                        && !node.canConvertToInt()
                        && !(node.isTextual() && fitsInt(node.asText()))) {
                    problems.add(new SpecViolation(field, "is too large; got " + node.asText()));
                }
            }
            case FLAG -> {
                if (!node.isBoolean()) {
                    problems.add(new SpecViolation(field, "must be " + kind.words + "; got " + describe(node)));
                }
            }
            case CHOICE -> {
                List<String> words = Arrays.stream(raw.getEnumConstants())
                        .map(constant -> ((Enum<?>) constant).name())
                        .toList();
                if (!node.isTextual() || !words.contains(node.asText())) {
                    problems.add(new SpecViolation(
                            field, "must be one of " + String.join(", ", words) + "; got " + describe(node)));
                }
            }
            case MAP -> {
                if (!node.isObject()) {
                    problems.add(new SpecViolation(field, "must be " + kind.words + "; got " + describe(node)));
                    return;
                }
                Type value = ((ParameterizedType) generic).getActualTypeArguments()[1];
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    check((Class<?>) value, value, entry.getValue(), field + "." + entry.getKey(), problems);
                }
            }
            case LIST -> {
                if (!node.isArray()) {
                    problems.add(new SpecViolation(field, "must be " + kind.words + "; got " + describe(node)));
                    return;
                }
                Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
                for (int i = 0; i < node.size(); i++) {
                    check((Class<?>) element, element, node.get(i), path + "[" + i + "]", problems);
                }
            }
        }
    }

    private static ObjectNode schemaOf(Class<?> raw, Type generic, String path, Map<String, String> descriptions) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        String description = descriptions.get(path);
        if (description != null) {
            schema.put("description", description);
        }
        Kind kind = kindOf(raw);
        switch (kind) {
            case SECTION -> {
                schema.putArray("type").add("object").add("null");
                ObjectNode properties = schema.putObject("properties");
                for (RecordComponent component : raw.getRecordComponents()) {
                    String childPath = path.isEmpty() ? component.getName() : path + "." + component.getName();
                    properties.set(
                            component.getName(),
                            schemaOf(component.getType(), component.getGenericType(), childPath, descriptions));
                }
                schema.put("additionalProperties", false);
            }
            case TEXT ->
                schema.putArray("type")
                        .add("string")
                        .add("number")
                        .add("boolean")
                        .add("null");
            case WHOLE -> schema.putArray("type").add("integer").add("null");
            case FLAG -> schema.putArray("type").add("boolean").add("null");
            case CHOICE -> {
                var words = schema.putArray("enum");
                Arrays.stream(raw.getEnumConstants()).forEach(c -> words.add(((Enum<?>) c).name()));
                words.addNull();
            }
            case MAP -> {
                schema.putArray("type").add("object").add("null");
                Type value = ((ParameterizedType) generic).getActualTypeArguments()[1];
                schema.set("additionalProperties", schemaOf((Class<?>) value, value, path + ".*", descriptions));
            }
            case LIST -> {
                schema.putArray("type").add("array").add("null");
                Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
                schema.set("items", schemaOf((Class<?>) element, element, path + "[]", descriptions));
            }
        }
        return schema;
    }

    static Kind kindOf(Class<?> raw) {
        if (raw.isRecord()) {
            return Kind.SECTION;
        }
        if (raw.isEnum()) {
            return Kind.CHOICE;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Kind.FLAG;
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return Kind.WHOLE;
        }
        if (List.class.isAssignableFrom(raw)) {
            return Kind.LIST;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return Kind.MAP;
        }
        return Kind.TEXT;
    }

    /** An unknown field, with the known one it most likely meant, or the list of those known. */
    private static String unknown(String name, RecordComponent[] components) {
        List<String> known =
                Arrays.stream(components).map(RecordComponent::getName).toList();
        return closest(name, known)
                .map(meant -> "is not a field here; did you mean " + meant + "?")
                .orElse("is not a field here; the fields are " + String.join(", ", known));
    }

    /**
     * The known name an unknown one most likely meant: the nearest by edits, ignoring case, when
     * near enough (two edits, or a quarter of the name) to be a slip of the keyboard.
     */
    public static Optional<String> closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 4) ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance: the fewest single-character edits from one word to the other. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static boolean fitsInt(String text) {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A value as an operator reads it: "OLA", 12, a list, a section of fields. */
    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a section of fields";
        }
        return node.asText();
    }
}
