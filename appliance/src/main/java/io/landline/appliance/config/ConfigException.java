package io.landline.appliance.config;

import java.util.Optional;

/**
 * A configuration the node refuses to start with. Every message is one line naming where the
 * bad value came from, its key and the value, so {@code landline check-config} and the start
 * script can print {@link #getMessage()} alone. All message formats live here.
 */
public final class ConfigException extends RuntimeException {

    private ConfigException(Origin origin, String detail) {
        // The last guard of the one-line promise: a YAML parser's text may span lines.
        super(("config error in " + origin.describe() + ": " + detail).replaceAll("\\s*\\R\\s*", " "));
    }

    /** {@code config error in F: key 'K': 'V' REASON}. */
    static ConfigException invalid(Origin origin, String key, String shownValue, String reason) {
        return new ConfigException(origin, "key '" + key + "': '" + shownValue + "' " + reason);
    }

    /** {@code config error in F: unknown key 'K' (did you mean 'S'?)}. */
    static ConfigException unknownKey(Origin origin, String key, Optional<String> suggestion) {
        return new ConfigException(origin, "unknown key '" + key + "'"
                + suggestion.map(s -> " (did you mean '" + s + "'?)").orElse(""));
    }

    /** {@code config error in environment variable V: no key is set by this variable (did you mean W?)}. */
    static ConfigException unknownVariable(String variable, Optional<String> suggestion) {
        return new ConfigException(new Origin.Environment(variable), "no key is set by this variable"
                + suggestion.map(s -> " (did you mean " + s + "?)").orElse(""));
    }

    /** {@code config error in F: YAML syntax error at line L, column C: PROBLEM}. */
    static ConfigException syntax(Origin origin, int line, int column, String problem) {
        return new ConfigException(origin, "YAML syntax error at line " + line + ", column " + column + ": " + problem);
    }

    /** A whole-file problem: unreadable, or not a mapping of keys. */
    static ConfigException file(Origin origin, String problem) {
        return new ConfigException(origin, problem);
    }
}
