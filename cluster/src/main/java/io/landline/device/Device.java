package io.landline.device;

import io.landline.protocol.token.DeviceToken;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A device activated on this appliance.
 *
 * @param token           names the device; its MQTT ClientID
 * @param certificatePem  the client certificate the device authenticates with, PEM
 * @param keyAlgorithm    the certificate's key, e.g. {@code "EC P-256"} or {@code "Ed25519"};
 *                        at most {@link #MAX_KEY_ALGORITHM_LENGTH} characters
 * @param activatedAt     when the device was activated
 * @param revokedAt       when it was revoked, if it was
 */
public record Device(DeviceToken token, String certificatePem, String keyAlgorithm,
                     Instant activatedAt, Optional<Instant> revokedAt) {

    /** The width of the {@code key_algorithm} column. */
    public static final int MAX_KEY_ALGORITHM_LENGTH = 32;

    public Device {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(activatedAt, "activatedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (keyAlgorithm.isBlank() || keyAlgorithm.length() > MAX_KEY_ALGORITHM_LENGTH) {
            throw new IllegalArgumentException("key algorithm must be 1 to " + MAX_KEY_ALGORITHM_LENGTH
                    + " characters: '" + keyAlgorithm + "'");
        }
    }

    /** A device activated at {@code activatedAt} and not revoked. */
    public static Device active(DeviceToken token, String certificatePem, String keyAlgorithm, Instant activatedAt) {
        return new Device(token, certificatePem, keyAlgorithm, activatedAt, Optional.empty());
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
