package io.landline.tls;

import java.util.Locale;

/** What the device-certificate check decided about one client certificate, named as the metric tags it. */
public enum DeviceCertificateCheck {
    /** Passed every check, including the CA signature. */
    VERIFIED,
    /** Verified before and still valid: the signature verification was skipped. */
    REMEMBERED,
    /** The client sent no certificate. */
    NO_CERTIFICATE,
    /** Not issued by the appliance CA: another issuer name or key identifier. */
    OTHER_ISSUER,
    /** The CA's signature does not verify. */
    BAD_SIGNATURE,
    /** Past its notAfter. */
    EXPIRED,
    /** Before its notBefore. */
    NOT_YET_VALID,
    /** Not a device certificate: a CA, no clientAuth, no digitalSignature, or not X.509 v3. */
    NOT_A_DEVICE_CERTIFICATE,
    /** A critical extension this check does not understand (RFC 5280 §4.2). */
    UNKNOWN_CRITICAL_EXTENSION;

    /** The metric tag value, e.g. {@code other_issuer}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the certificate was accepted. */
    public boolean accepted() {
        return this == VERIFIED || this == REMEMBERED;
    }
}
