package io.landline.appliance.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one way durations are written, in the config file and on the command line: 500ms, 10s, 5m, 1h or 1d (and 100us where a setting is that fine). */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(-?)([0-9]{1,15})(us|ms|s|m|h|d)");
    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "us", ChronoUnit.MICROS, "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException whose message completes "'TEXT' ..."
     */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a duration (write e.g. 500ms, 10s, 5m, 1h or 1d)");
        }
        long amount = Long.parseLong(m.group(2));
        if (!m.group(1).isEmpty() && amount != 0) {
            throw new IllegalArgumentException("is a negative duration");
        }
        try {
            return Duration.of(amount, UNITS.get(m.group(3)));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too long a duration");
        }
    }
}
