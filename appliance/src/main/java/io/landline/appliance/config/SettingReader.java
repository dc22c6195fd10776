package io.landline.appliance.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.landline.cluster.ClusterSettings.Member;
import io.landline.net.PortRange;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of the layered keys. Each read checks its one value and fails with the key,
 * the value and the layer that set it; values from the environment are text, so numbers are
 * accepted as text too.
 */
final class SettingReader {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,9}");
    private static final Pattern DURATION = Pattern.compile("(-?)([0-9]{1,15})(ms|s|m|h|d)");
    private static final Map<String, ChronoUnit> DURATION_UNITS = Map.of(
            "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

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
        Matcher m = DURATION.matcher(scalar(setting, "a duration").trim());
        if (!m.matches()) {
            throw setting.invalid("is not a duration (write e.g. 500ms, 10s, 5m, 1h or 1d)");
        }
        long amount = Long.parseLong(m.group(2));
        if (!m.group(1).isEmpty() && amount != 0) {
            throw setting.invalid("is a negative duration");
        }
        try {
            return Duration.of(amount, DURATION_UNITS.get(m.group(3)));
        } catch (ArithmeticException e) {
            throw setting.invalid("is too long a duration");
        }
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
        Setting setting = setting(key);
        JsonNode value = setting.value();
        if (value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
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
