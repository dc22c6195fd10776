package io.landline.appliance.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The defaults flattened to their leaf key paths ({@code relay.turn.ports}), in the order of
 * the defaults file, with the layers laid over them. The defaults are the schema: a key they
 * lack is unknown, and a leaf that is a list there is a list everywhere.
 */
final class ConfigTree {

    private final Map<String, Setting> leaves = new LinkedHashMap<>();
    private final Set<String> sections = new LinkedHashSet<>();
    private final Set<String> listKeys = new LinkedHashSet<>();
    private final List<String> knownKeys = new ArrayList<>();

    private ConfigTree() {
    }

    static ConfigTree of(ObjectNode defaults) {
        ConfigTree tree = new ConfigTree();
        tree.flatten(defaults, "");
        return tree;
    }

    private void flatten(ObjectNode node, String prefix) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            knownKeys.add(key);
            if (field.getValue().isObject()) {
                sections.add(key);
                flatten((ObjectNode) field.getValue(), key + ".");
            } else {
                leaves.put(key, new Setting(key, field.getValue(), Origin.DEFAULTS));
                if (field.getValue().isArray()) {
                    listKeys.add(key);
                }
            }
        }
    }

    /**
     * Lays a file over the tree key by key, in the file's order. A leaf takes the file's value
     * whatever its shape (the typed readers judge it); a section must be a mapping.
     */
    void overlay(ObjectNode file, Origin origin) {
        overlay(file, "", origin);
    }

    private void overlay(ObjectNode node, String prefix, Origin origin) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (leaves.containsKey(key)) {
                leaves.put(key, new Setting(key, value, origin));
            } else if (!sections.contains(key)) {
                throw ConfigException.unknownKey(origin, key, Suggestions.closest(key, knownKeys()));
            } else if (value.isObject()) {
                overlay((ObjectNode) value, key + ".", origin);
            } else if (!isBlank(value)) {
                // "https:" with every key below it commented out is blank; that changes nothing.
                throw new Setting(key, value, origin).invalid(
                        (value.isArray() ? "is a list" : "is a single value") + " where a section of keys is expected");
            }
        }
    }

    private static boolean isBlank(JsonNode value) {
        return value.isNull() || (value.isTextual() && value.asText().isEmpty());
    }

    /** Replaces the value of a known leaf; the environment layer's way in. */
    void put(Setting setting) {
        if (!leaves.containsKey(setting.key())) {
            throw new IllegalArgumentException("not a leaf key: " + setting.key());
        }
        leaves.put(setting.key(), setting);
    }

    Setting get(String key) {
        Setting setting = leaves.get(key);
        if (setting == null) {
            throw new IllegalArgumentException("not a key of landline.yaml: " + key);
        }
        return setting;
    }

    Collection<Setting> leaves() {
        return List.copyOf(leaves.values());
    }

    boolean isList(String key) {
        return listKeys.contains(key);
    }

    /** Sections and leaves in defaults order, for did-you-mean. */
    List<String> knownKeys() {
        return List.copyOf(knownKeys);
    }
}
