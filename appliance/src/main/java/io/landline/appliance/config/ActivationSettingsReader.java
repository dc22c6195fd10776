package io.landline.appliance.config;

import io.landline.gateway.activation.ActivationPolicy;
import io.landline.gateway.activation.ActivationSettings;
import io.landline.gateway.activation.EnrollmentKey;
import io.landline.gateway.activation.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code gateway.activation} keys, including the enrollment key file's content. */
final class ActivationSettingsReader {

    private static final String PREFIX = "gateway.activation.";
    private static final Pattern RATE = Pattern.compile("([0-9]{1,6})\\s*/\\s*(s|min|h)");
    private static final Map<String, Duration> RATE_UNITS = Map.of(
            "s", Duration.ofSeconds(1), "min", Duration.ofMinutes(1), "h", Duration.ofHours(1));

    private ActivationSettingsReader() {
    }

    static ActivationSettings read(SettingReader r) {
        ActivationPolicy policy = r.choice(PREFIX + "policy", ActivationPolicy.class);
        Duration validity = bounded(r, PREFIX + "certificate-validity", Duration.ofHours(1), Duration.ofDays(3650), "1h-3650d");
        Optional<EnrollmentKey> key = enrollmentKey(r, PREFIX + "enrollment-key");
        if (policy == ActivationPolicy.ENROLLMENT && key.isEmpty()) {
            // Blame the policy: it is what the operator set, and so its layer is the one to name.
            throw r.setting(PREFIX + "policy").invalid("needs gateway.activation.enrollment-key, the PEM public key"
                    + " that verifies enrollment tokens, which is empty");
        }
        Duration maxLifetime = bounded(r, PREFIX + "enrollment-max-lifetime", Duration.ofMinutes(1), Duration.ofDays(365), "1m-365d");
        Setting rateSetting = r.setting(PREFIX + "rate");
        String rateText = r.string(PREFIX + "rate").trim();
        int burst = r.intBetween(PREFIX + "burst", 1, 100_000);
        Matcher m = RATE.matcher(rateText);
        if (!m.matches()) {
            throw rateSetting.invalid("is not a rate (write e.g. 10/min, 1/s or 500/h)");
        }
        int permits = Integer.parseInt(m.group(1));
        if (permits == 0) {
            throw rateSetting.invalid("is a rate of zero (write at least 1/h)");
        }
        return new ActivationSettings(policy, validity, key, maxLifetime, new RateLimit(permits, RATE_UNITS.get(m.group(2)), burst));
    }

    private static Duration bounded(SettingReader r, String key, Duration min, Duration max, String range) {
        Duration value = r.duration(key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw r.setting(key).invalid("is outside " + range);
        }
        return value;
    }

    /** The file must exist and hold PEM (as for TLS files), and that PEM a P-256 or Ed25519 public key. */
    private static Optional<EnrollmentKey> enrollmentKey(SettingReader r, String key) {
        Optional<Path> file = r.pemFile(key);
        try {
            return file.map(EnrollmentKey::load);
        } catch (IllegalArgumentException e) {
            throw r.setting(key).invalid(e.getMessage());
        }
    }
}
