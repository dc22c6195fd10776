package io.landline.bench.turn;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Durations written as the configuration writes them: 500ms, 10s, 5m. */
final class Durations implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim();
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> throw new IllegalArgumentException("durations are written 500ms, 10s or 5m: " + value);
        };
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
