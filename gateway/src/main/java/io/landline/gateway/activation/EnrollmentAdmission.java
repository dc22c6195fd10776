package io.landline.gateway.activation;

import io.landline.enrollment.EnrollmentTokenLedger;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The enrollment policy: {@code authorization: bearer <JWT>} signed by the operator's
 * enrollment key; each token (by {@code jti}) activates one device.
 */
final class EnrollmentAdmission implements Admission {

    private static final String SCHEME = "bearer ";

    private final EnrollmentTokenVerifier verifier;
    private final EnrollmentTokenLedger ledger;

    EnrollmentAdmission(EnrollmentTokenVerifier verifier, EnrollmentTokenLedger ledger) {
        this.verifier = verifier;
        this.ledger = ledger;
    }

    @Override
    public Credential credential(UnaryOperator<String> header) throws ActivationRefused {
        String authorization = header.apply("authorization");
        if (authorization == null || authorization.isBlank()) {
            throw Refusal.ENROLLMENT_TOKEN_REQUIRED.because("no authorization header");
        }
        // RFC 6750 §2.1: the scheme is case-insensitive.
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw Refusal.ENROLLMENT_TOKEN_INVALID.because("authorization is not a bearer token");
        }
        return new Credential.Bearer(authorization.substring(SCHEME.length()).trim());
    }

    @Override
    public Pass verify(Credential credential, Instant now) throws ActivationRefused {
        if (!(credential instanceof Credential.Bearer bearer)) {
            throw Refusal.ENROLLMENT_TOKEN_REQUIRED.because("no bearer token");
        }
        EnrollmentClaims claims = verifier.verify(bearer.token(), now);
        return (device, at) -> {
            if (!ledger.recordFirstUse(claims.jtiHash(), claims.expiresAt(), at, device, claims.subject())) {
                throw Refusal.ENROLLMENT_TOKEN_USED.because("jti used before");
            }
        };
    }
}
