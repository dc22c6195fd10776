package io.landline.appliance.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The top layer: {@code LANDLINE_} + a leaf key path in capitals with '.' and '-' as '_'
 * ({@code relay.turn.relay-ports} is {@code LANDLINE_RELAY_TURN_RELAY_PORTS}). Values arrive
 * as text; the typed readers parse them like file values, and list keys take comma-separated
 * entries.
 */
final class EnvOverrides {

    static final String PREFIX = "LANDLINE_";

    private EnvOverrides() {
    }

    static String variableFor(String key) {
        return PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static void apply(ConfigTree tree, Map<String, String> env) {
        Map<String, Setting> byVariable = new LinkedHashMap<>();
        for (Setting leaf : tree.leaves()) {
            if (byVariable.put(variableFor(leaf.key()), leaf) != null) {
                throw new IllegalStateException("two keys share the variable " + variableFor(leaf.key()));
            }
        }
        // A misspelt variable would otherwise be ignored without a word; sorted so the
        // same environment always reports the same variable first.
        env.keySet().stream()
                .filter(name -> name.startsWith(PREFIX) && !byVariable.containsKey(name))
                .sorted()
                .findFirst()
                .ifPresent(name -> {
                    throw ConfigException.unknownVariable(name, suggestion(name, byVariable));
                });
        byVariable.forEach((variable, leaf) -> {
            String text = env.get(variable);
            if (text != null) {
                JsonNode value = tree.isList(leaf.key()) ? list(text) : TextNode.valueOf(text);
                tree.put(new Setting(leaf.key(), value, new Origin.Environment(variable)));
            }
        });
    }

    private static Optional<String> suggestion(String variable, Map<String, Setting> byVariable) {
        // Compare without the common prefix, which would otherwise dilute every distance.
        return Suggestions.closest(variable.substring(PREFIX.length()),
                        byVariable.keySet().stream().map(v -> v.substring(PREFIX.length())).toList())
                .map(name -> PREFIX + name + " for key '" + byVariable.get(PREFIX + name).key() + "'");
    }

    /** {@code "a, b,"} is the list [a, b]; an empty value is the empty list. */
    private static ArrayNode list(String text) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (String entry : text.split(",")) {
            if (!entry.isBlank()) {
                list.add(entry.trim());
            }
        }
        return list;
    }
}
