package io.landline.gateway.activation;

import io.landline.gateway.jws.CompactJws;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Verifies an operator-signed enrollment token: a JWT (RFC 7519) in compact JWS form, signed
 * ES256 or EdDSA by the configured enrollment key, with {@code iat}, {@code exp} and
 * {@code jti} required and {@code exp - iat} bounded; {@code nbf} and {@code sub} optional.
 * Whether the {@code jti} was used before is the ledger's question, not this class's.
 */
final class EnrollmentTokenVerifier {

    /** A clock this far ahead of ours still issues acceptable tokens (RFC 7519 §4.1.4 allows "some small leeway"). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    static final int MAX_JTI_LENGTH = 256;
    static final int MAX_SUBJECT_LENGTH = 256;
    /** 9999-12-31T23:59:59Z: claims beyond it are nonsense, and would overflow Instant arithmetic. */
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

    private final EnrollmentKey key;
    private final Duration maxLifetime;

    EnrollmentTokenVerifier(EnrollmentKey key, Duration maxLifetime) {
        this.key = key;
        this.maxLifetime = maxLifetime;
    }

    EnrollmentClaims verify(String token, Instant now) throws ActivationRefused {
        CompactJws jws;
        try {
            jws = CompactJws.parse(token);
        } catch (CompactJws.MalformedJws e) {
            throw Refusal.ENROLLMENT_TOKEN_INVALID.because(e.getMessage());
        }
        // alg none, an algorithm of another key type, or a forged signature all fail here (RFC 8725 §3.1).
        if (!jws.verifiedBy(key.key())) {
            throw Refusal.ENROLLMENT_TOKEN_INVALID.because("signature does not verify with the enrollment key (alg " + jws.algorithm() + ")");
        }
        long iat = epochSeconds(jws, "iat");
        long exp = epochSeconds(jws, "exp");
        long nowSeconds = now.getEpochSecond();
        if (exp <= iat) {
            throw Refusal.ENROLLMENT_TOKEN_INVALID.because("exp not after iat");
        }
        if (exp - iat > maxLifetime.toSeconds()) {
            throw Refusal.ENROLLMENT_TOKEN_INVALID.because("valid for " + (exp - iat) + " s, more than " + maxLifetime.toSeconds() + " s");
        }
        if (iat > nowSeconds + CLOCK_SKEW.toSeconds()) {
            throw Refusal.ENROLLMENT_TOKEN_INVALID.because("issued in the future");
        }
        Optional<Long> nbf = jws.epochSeconds("nbf");
        if (jws.claims().containsKey("nbf") && (nbf.isEmpty() || nbf.get() > nowSeconds + CLOCK_SKEW.toSeconds())) {
            throw Refusal.ENROLLMENT_TOKEN_INVALID.because("not yet valid (nbf)");
        }
        if (nowSeconds >= exp) {
            throw Refusal.ENROLLMENT_TOKEN_EXPIRED.because("expired " + (nowSeconds - exp) + " s ago");
        }
        String jti = text(jws, "jti", MAX_JTI_LENGTH)
                .orElseThrow(() -> Refusal.ENROLLMENT_TOKEN_INVALID.because("no jti"));
        Optional<String> subject = text(jws, "sub", MAX_SUBJECT_LENGTH);
        if (jws.claims().containsKey("sub") && subject.isEmpty()) {
            throw Refusal.ENROLLMENT_TOKEN_INVALID.because("sub is not a short string");
        }
        return new EnrollmentClaims(sha256(jti), Instant.ofEpochSecond(exp), subject);
    }

    private static long epochSeconds(CompactJws jws, String claim) throws ActivationRefused {
        long value = jws.epochSeconds(claim).orElseThrow(() -> Refusal.ENROLLMENT_TOKEN_INVALID.because("no numeric " + claim));
        if (value < 0 || value > MAX_EPOCH_SECONDS) {
            throw Refusal.ENROLLMENT_TOKEN_INVALID.because(claim + " out of range");
        }
        return value;
    }

    private static Optional<String> text(CompactJws jws, String claim, int maxLength) {
        return jws.claims().getValue(claim) instanceof String s && !s.isEmpty() && s.length() <= maxLength
                ? Optional.of(s) : Optional.empty();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
