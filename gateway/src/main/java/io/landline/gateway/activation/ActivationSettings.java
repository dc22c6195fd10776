package io.landline.gateway.activation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code gateway.activation} keys.
 *
 * @param policy                who may activate
 * @param certificateValidity   lifetime of an issued device certificate (capped by the CA's own)
 * @param enrollmentKey         the operator's public key that signs enrollment tokens; present when the policy is enrollment
 * @param enrollmentMaxLifetime longest {@code exp - iat} an enrollment token may have
 * @param rate                  per client address
 */
public record ActivationSettings(ActivationPolicy policy, Duration certificateValidity, Optional<EnrollmentKey> enrollmentKey,
                                 Duration enrollmentMaxLifetime, RateLimit rate) {

    public ActivationSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(certificateValidity, "certificateValidity");
        Objects.requireNonNull(enrollmentKey, "enrollmentKey");
        Objects.requireNonNull(enrollmentMaxLifetime, "enrollmentMaxLifetime");
        Objects.requireNonNull(rate, "rate");
        if (policy == ActivationPolicy.ENROLLMENT && enrollmentKey.isEmpty()) {
            throw new IllegalArgumentException("the enrollment policy needs an enrollment key");
        }
    }
}
