package io.landline.gateway.mqtt;

import io.landline.gateway.jws.CompactJws;
import io.landline.protocol.token.DeviceToken;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The password of a WebSocket CONNECT: a short-lived JWT signed by the device's own key
 * (ES256 for P-256, EdDSA for Ed25519), with claims {@code sub} (or {@code iss}) = the token,
 * {@code iat} and {@code exp} at most {@link #MAX_LIFETIME} ahead. A browser holds no client
 * certificate the TLS layer could ask for, so it proves possession of the key this way.
 */
final class DeviceAssertion {

    /** Longest an assertion may be valid from now. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    /** Slack for a device clock slightly ahead of ours, on {@code iat}. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private DeviceAssertion() {
    }

    /** Why {@code jws} does not prove {@code token} at {@code now} with {@code key}; empty if it does. */
    static Optional<String> problem(CompactJws jws, DeviceToken token, PublicKey key, Instant now) {
        String subject = jws.subject().or(jws::issuer).orElse("");
        if (!subject.equalsIgnoreCase(token.hex())) {
            return Optional.of("assertion is for another subject");
        }
        Optional<Long> iat = jws.epochSeconds("iat");
        Optional<Long> exp = jws.epochSeconds("exp");
        if (iat.isEmpty() || exp.isEmpty()) {
            return Optional.of("assertion lacks iat or exp");
        }
        long nowSeconds = now.getEpochSecond();
        if (exp.get() <= nowSeconds) {
            return Optional.of("assertion expired");
        }
        if (exp.get() > nowSeconds + MAX_LIFETIME.toSeconds() || iat.get() > nowSeconds + CLOCK_SKEW.toSeconds()) {
            return Optional.of("assertion is valid too long or issued in the future");
        }
        if (!jws.verifiedBy(key)) {
            return Optional.of("assertion signature does not verify with the device key");
        }
        return Optional.empty();
    }
}
