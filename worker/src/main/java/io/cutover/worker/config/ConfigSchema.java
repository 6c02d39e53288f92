package io.cutover.worker.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of the worker's configuration file, written from {@link ConfigKey}, the list
 * that also drives parsing and environment overrides: every key with its meaning, default and
 * environment variable, and no other key (an unknown key stops the worker too). Values are typed
 * as the loader reads them: text, a number or true/false, each checked by the loader's rules.
 */
public final class ConfigSchema {

    private ConfigSchema() {}

    public static ObjectNode schema() {
        ObjectNode root = section();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("title", "Cutover worker configuration");
        for (ConfigKey key : ConfigKey.values()) {
            ObjectNode at = root;
            String[] steps = key.path().split("\\.");
            for (int i = 0; i < steps.length - 1; i++) {
                ObjectNode properties = (ObjectNode) at.get("properties");
                if (!properties.has(steps[i])) {
                    properties.set(steps[i], section());
                }
                at = (ObjectNode) properties.get(steps[i]);
            }
            ObjectNode leaf = ((ObjectNode) at.get("properties")).putObject(steps[steps.length - 1]);
            leaf.putArray("type").add("string").add("number").add("boolean").add("null");
            leaf.put(
                    "description",
                    key.description() + (key.defaultValue() == null ? "" : ". Default: " + key.defaultValue())
                            + ". Environment: " + key.envVar() + ".");
        }
        return root;
    }

    private static ObjectNode section() {
        ObjectNode section = JsonNodeFactory.instance.objectNode();
        section.putArray("type").add("object").add("null");
        section.putObject("properties");
        section.put("additionalProperties", false);
        return section;
    }
}
