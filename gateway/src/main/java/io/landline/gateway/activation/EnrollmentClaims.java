package io.landline.gateway.activation;

import java.time.Instant;
import java.util.Optional;

/**
 * What an enrollment token proved, once verified.
 *
 * @param jtiHash   SHA-256 of its {@code jti}, hex: the key of its single use
 * @param expiresAt its {@code exp}
 * @param subject   its {@code sub}, whom the operator enrolled, if it names someone
 */
record EnrollmentClaims(String jtiHash, Instant expiresAt, Optional<String> subject) {
}
