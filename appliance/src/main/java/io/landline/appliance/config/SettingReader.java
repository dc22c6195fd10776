package io.landline.appliance.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.landline.cluster.ClusterSettings.Member;
import io.landline.net.PortRange;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Typed reads of the layered keys. Each read checks its one value and fails with the key,
 * the value and the layer that set it; values from the environment are text, so numbers are
 * accepted as text too.
 */
final class SettingReader {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,9}");

    private final ConfigTree tree;
    private final Path workingDir;
    private final Set<String> read = new LinkedHashSet<>();

    SettingReader(ConfigTree tree, Path workingDir) {
        this.tree = tree;
        this.workingDir = workingDir;
    }

    Setting setting(String key) {
        read.add(key);
        return tree.get(key);
    }

    /** Keys of the defaults that no code has read: a key added to landline.yaml but never wired. */
    List<String> unread() {
        return tree.leaves().stream().map(Setting::key).filter(k -> !read.contains(k)).toList();
    }

    String string(String key) {
        return scalar(setting(key), "a text value");
    }

    /** A text value that must pass {@code valid}; {@code reason} completes "'VALUE' ...". */
    String checked(String key, Predicate<String> valid, String reason) {
        Setting setting = setting(key);
        String text = scalar(setting, "a text value");
        if (!valid.test(text)) {
            throw setting.invalid(reason);
        }
        return text;
    }

    int port(String key) {
        return port(setting(key));
    }

    private static int port(Setting setting) {
        String text = scalar(setting, "a port number").trim();
        if (!NUMBER.matcher(text).matches()) {
            throw setting.invalid("is not a port number");
        }
        if (!PortRange.isPort(Integer.parseInt(text))) {
            throw setting.invalid("is outside the port range 1-65535");
        }
        return Integer.parseInt(text);
    }

    int intBetween(String key, int min, int max) {
        Setting setting = setting(key);
        String text = scalar(setting, "a number").trim();
        if (!NUMBER.matcher(text).matches()) {
            throw setting.invalid("is not a whole number");
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw setting.invalid("is outside " + min + "-" + max);
        }
        return value;
    }

    /** {@code first-last} or one port, parsed by {@link PortRange#parse}, whose messages finish ours. */
    PortRange portRange(String key) {
        Setting setting = setting(key);
        try {
            return PortRange.parse(scalar(setting, "a port range"));
        } catch (IllegalArgumentException e) {
            throw setting.invalid(e.getMessage());
        }
    }

    /** Written 500ms, 10s, 5m, 1h or 1d: one number, one unit, as the shipped file documents. */
    Duration duration(String key) {
        Setting setting = setting(key);
        try {
            return Durations.parse(scalar(setting, "a duration"));
        } catch (IllegalArgumentException e) {
            throw setting.invalid(e.getMessage());
        }
    }

    /** A duration within {@code min}-{@code max}, both written back in the file's own units in the error. */
    Duration durationBetween(String key, Duration min, Duration max) {
        Duration value = duration(key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw tree.get(key).invalid("is outside " + written(min) + "-" + written(max));
        }
        return value;
    }

    private static String written(Duration d) {
        if (d.toNanosPart() != 0) {
            return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + "ms" : d.toNanos() / 1000 + "us";
        }
        long s = d.toSeconds();
        if (s % 86_400 == 0 && s > 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    String host(String key) {
        return checked(key, Addresses::isHost, "is not an IP address or host name");
    }

    <E extends Enum<E>> E choice(String key, Class<E> type) {
        Setting setting = setting(key);
        String text = scalar(setting, "one word").trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        throw setting.invalid("is not one of " + String.join(" | ", names));
    }

    /**
     * A directory or file path. Relative paths are resolved against the working directory of
     * the process, as operators expect of any path they pass on a command line; a relative
     * path is not relative to the config file.
     */
    Path path(String key) {
        Setting setting = setting(key);
        return optionalPath(setting).orElseThrow(() -> setting.invalid("is empty; a path is required"));
    }

    /** A PEM file, or empty for "none"; a set path must name a readable PEM file. */
    Optional<Path> pemFile(String key) {
        Setting setting = setting(key);
        Optional<Path> file = optionalPath(setting);
        file.flatMap(PemFiles::problem).ifPresent(problem -> {
            String written = scalar(setting, "a file path").trim();
            throw setting.invalid(problem + (Path.of(written).isAbsolute() ? "" : " (resolved to " + file.get() + ")"));
        });
        return file;
    }

    private Optional<Path> optionalPath(Setting setting) {
        String text = scalar(setting, "a file path").trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(workingDir.resolve(text).normalize());
        } catch (InvalidPathException e) {
            throw setting.invalid("is not a file path");
        }
    }

    /** A list of server names for the generated certificate. */
    List<String> serverNames(String key) {
        List<String> names = new ArrayList<>();
        for (Setting entry : entries(key)) {
            String text = scalar(entry, "a host name or IP address").trim();
            if (!Addresses.isServerName(text)) {
                throw entry.invalid("is not an IP address, host name or *.wildcard name");
            }
            names.add(text);
        }
        return List.copyOf(names);
    }

    List<Member> members(String key) {
        List<Member> members = new ArrayList<>();
        for (Setting entry : entries(key)) {
            try {
                members.add(Addresses.parseMember(scalar(entry, "host:port").trim()));
            } catch (IllegalArgumentException e) {
                throw entry.invalid(e.getMessage());
            }
        }
        return List.copyOf(members);
    }

    /**
     * A list of mappings such as {@code gateway.providers}: each entry must be a mapping whose
     * keys are among {@code fields}; its values are read through a {@link MappingReader}, and
     * their errors name the entry's key path, e.g. {@code gateway.providers[0].key-id}.
     */
    List<MappingReader> mappings(String key, List<String> fields) {
        List<MappingReader> mappings = new ArrayList<>();
        for (Setting entry : entries(key)) {
            JsonNode value = entry.value();
            if (!value.isObject()) {
                throw entry.invalid((value.isArray() ? "is a list" : "is a single value") + " where a mapping of "
                        + String.join(", ", fields) + " is expected");
            }
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                if (!fields.contains(field.getKey())) {
                    throw ConfigException.unknownKey(entry.origin(), entry.key() + "." + field.getKey(),
                            Suggestions.closest(field.getKey(), fields).map(s -> entry.key() + "." + s));
                }
            }
            mappings.add(new MappingReader(entry));
        }
        return List.copyOf(mappings);
    }

    /** Typed reads of one entry of a list of mappings; a missing field reads as empty. */
    final class MappingReader {
        private final Setting entry;

        private MappingReader(Setting entry) {
            this.entry = entry;
        }

        /** The entry itself, for errors about the entry as a whole. */
        Setting entry() {
            return entry;
        }

        Setting field(String name) {
            JsonNode value = entry.value().get(name);
            return new Setting(entry.key() + "." + name, value == null ? MissingNode.getInstance() : value, entry.origin());
        }

        /** A text value that must pass {@code valid}; a missing one fails as empty. */
        String checked(String name, Predicate<String> valid, String reason) {
            Setting field = field(name);
            String text = scalar(field, "a text value").trim();
            if (text.isEmpty()) {
                throw field.invalid("is missing; every entry of " + entry.key().replaceAll("\\[[0-9]+]$", "") + " needs " + name);
            }
            if (!valid.test(text)) {
                throw field.invalid(reason);
            }
            return text;
        }

        /** A PEM file that must be set. */
        Path pemFile(String name) {
            Setting field = field(name);
            Optional<Path> file = optionalPath(field);
            if (file.isEmpty()) {
                throw field.invalid("is missing; every entry of " + entry.key().replaceAll("\\[[0-9]+]$", "") + " needs " + name);
            }
            PemFiles.problem(file.get()).ifPresent(problem -> {
                String written = scalar(field, "a file path").trim();
                throw field.invalid(problem + (Path.of(written).isAbsolute() ? "" : " (resolved to " + file.get() + ")"));
            });
            return file.get();
        }

        /** A list of text values, each passing {@code valid}; missing: empty. */
        List<String> strings(String name, Predicate<String> valid, String reason) {
            List<String> values = new ArrayList<>();
            for (Setting item : entries(field(name))) {
                String text = scalar(item, "a text value").trim();
                if (!valid.test(text)) {
                    throw item.invalid(reason);
                }
                values.add(text);
            }
            return List.copyOf(values);
        }
    }

    /**
     * A list whose entries {@code parse} turns into values; an entry it refuses with an
     * {@link IllegalArgumentException} is reported under {@code key[index]} with that message.
     */
    <T> List<T> list(String key, java.util.function.Function<String, T> parse) {
        List<T> values = new ArrayList<>();
        for (Setting entry : entries(key)) {
            try {
                values.add(parse.apply(scalar(entry, "a text value").trim()));
            } catch (IllegalArgumentException e) {
                throw entry.invalid(e.getMessage());
            }
        }
        return List.copyOf(values);
    }

    private List<Setting> entries(String key) {
        return entries(setting(key));
    }

    private static List<Setting> entries(Setting setting) {
        JsonNode value = setting.value();
        if (value.isNull() || value.isMissingNode() || (value.isTextual() && value.asText().isEmpty())) {
            return List.of();
        }
        if (!value.isArray()) {
            throw setting.invalid(value.isObject() ? "is a mapping where a list is expected"
                    : "is a single value where a list is expected (write [a, b])");
        }
        List<Setting> entries = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            entries.add(setting.element(i));
        }
        return entries;
    }

    /** The text of a scalar; YAML's null (a key with nothing after the colon) reads as "". */
    private static String scalar(Setting setting, String expected) {
        JsonNode value = setting.value();
        if (value.isObject()) {
            throw setting.invalid("is a mapping where " + expected + " is expected");
        }
        if (value.isArray()) {
            throw setting.invalid("is a list where " + expected + " is expected");
        }
        return value.isNull() ? "" : value.asText();
    }
}
