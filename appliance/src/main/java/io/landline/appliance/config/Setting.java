package io.landline.appliance.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One leaf key as it stands after layering: its value (a YAML scalar or list, or whatever a
 * file wrongly put there) and the layer that set it.
 */
record Setting(String key, JsonNode value, Origin origin) {

    /** Keys whose values never appear in a message, not even in one about that value. */
    private static final Set<String> SECRET_KEYS = Set.of("storage.password", "relay.turn.users", "relay.turn.rest-secrets");
    /** Keeps a pasted certificate or a long list from swamping the one line. */
    private static final int MAX_SHOWN = 120;

    ConfigException invalid(String reason) {
        return ConfigException.invalid(origin, key, shown(), reason);
    }

    /** Entry {@code index} of a list, keyed {@code key[index]} so its message points at it. */
    Setting element(int index) {
        return new Setting(key + "[" + index + "]", value.get(index), origin);
    }

    /** The value as a message shows it: one line, bounded, secrets masked. */
    String shown() {
        if (SECRET_KEYS.contains(key.replaceFirst("\\[\\d+]$", ""))) {
            return "****";
        }
        String text = value.isContainerNode() ? value.toString() : value.asText();
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && out.length() < MAX_SHOWN; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < text.length() ? out + "..." : out.toString();
    }
}
