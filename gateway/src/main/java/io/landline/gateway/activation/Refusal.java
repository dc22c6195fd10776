package io.landline.gateway.activation;

/**
 * Every way an activation is refused, with the HTTP status and the {@code reason} the device
 * sees, in one place (the provider API's style of reason names). docs/protocol.md lists them.
 */
public enum Refusal {
    BAD_CONTENT_TYPE(415, "UnsupportedMediaType"),
    PAYLOAD_TOO_LARGE(413, "PayloadTooLarge"),
    BAD_CSR(400, "BadCertificateSigningRequest"),
    UNSUPPORTED_KEY(400, "UnsupportedKeyAlgorithm"),
    INVITE_REQUIRED(403, "InviteRequired"),
    INVITE_INVALID(403, "InviteInvalid"),
    INVITE_USED(403, "InviteUsed"),
    INVITE_EXPIRED(403, "InviteExpired"),
    ENROLLMENT_TOKEN_REQUIRED(403, "EnrollmentTokenRequired"),
    ENROLLMENT_TOKEN_INVALID(403, "EnrollmentTokenInvalid"),
    ENROLLMENT_TOKEN_USED(403, "EnrollmentTokenUsed"),
    ENROLLMENT_TOKEN_EXPIRED(403, "EnrollmentTokenExpired"),
    TOO_MANY_REQUESTS(429, "TooManyRequests");

    private final int status;
    private final String reason;

    Refusal(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** As a failure to throw; {@code detail} is for FINE logs only, never sent. */
    ActivationRefused because(String detail) {
        return new ActivationRefused(this, detail);
    }
}
