package io.landline.tls;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * The trust decision for TLS client certificates of devices, in place of the JDK's general PKIX
 * path validation: a device certificate has exactly one possible issuer, the appliance CA, so the
 * path is always leaf → CA and each step of RFC 5280 §6.1.3 reduces to a direct check of the leaf:
 * <ol>
 * <li>issued by the CA: issuer name equals the CA's subject (§4.1.2.4) and the authority key
 *     identifier equals the CA's subject key identifier (§4.2.1.1);</li>
 * <li>signed by the CA's key ({@link CaSignature}: Bouncy Castle's P-256 for the CA's
 *     ecdsa-with-SHA256, the JDK for anything else);</li>
 * <li>within its validity period on this node's clock (§4.1.2.5);</li>
 * <li>the device profile {@link CertificateAuthority} issues: X.509 v3, not a CA
 *     (basicConstraints, §4.2.1.9), keyUsage digitalSignature if present (§4.2.1.3),
 *     extendedKeyUsage with clientAuth (§4.2.1.12), no unknown critical extension (§4.2).</li>
 * </ol>
 * Anything else the client sends after its leaf is ignored: the CA is the only anchor. A
 * certificate that passed is remembered by its fingerprint ({@link VerifiedCertificates}), so a
 * reconnecting device costs a hash instead of a signature verification. Revocation is not decided
 * here but at MQTT CONNECT against the device repository.
 */
public final class DeviceCertificateTrust extends X509ExtendedTrustManager implements MeterBinder {

    private static final String KEY_USAGE = Extension.keyUsage.getId();
    private static final String EXTENDED_KEY_USAGE = Extension.extendedKeyUsage.getId();
    private static final String BASIC_CONSTRAINTS = Extension.basicConstraints.getId();
    private static final String SUBJECT_ALT_NAME = Extension.subjectAlternativeName.getId();
    /** Critical extensions understood here; any other marked critical refuses the certificate. */
    private static final Set<String> UNDERSTOOD = Set.of(KEY_USAGE, EXTENDED_KEY_USAGE, BASIC_CONSTRAINTS, SUBJECT_ALT_NAME);
    private static final String CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.getId();
    private static final int DIGITAL_SIGNATURE = 0;

    private final X509Certificate ca;
    private final X509Certificate[] acceptedIssuers;
    private final byte[] caKeyIdentifier;
    private final CaSignature signature;
    private final VerifiedCertificates verified;
    private final Clock clock;
    private final Map<DeviceCertificateCheck, LongAdder> outcomes = new EnumMap<>(DeviceCertificateCheck.class);

    /**
     * @param ca       the appliance CA certificate, the only issuer accepted
     * @param clock    the clock validity periods are checked against
     * @param remember slots of the verified-certificate table (a power of two)
     */
    public DeviceCertificateTrust(X509Certificate ca, Clock clock, int remember) {
        this.ca = ca;
        this.acceptedIssuers = new X509Certificate[] {ca};
        this.caKeyIdentifier = subjectKeyIdentifier(ca);
        this.signature = CaSignature.of(ca.getPublicKey());
        this.verified = new VerifiedCertificates(remember);
        this.clock = clock;
        for (DeviceCertificateCheck check : DeviceCertificateCheck.values()) {
            outcomes.put(check, new LongAdder());
        }
    }

    /** For {@code ca} on the system clock with the default table size. */
    public static DeviceCertificateTrust forCa(X509Certificate ca) {
        return new DeviceCertificateTrust(ca, Clock.systemUTC(), VerifiedCertificates.DEFAULT_CAPACITY);
    }

    /** Decides on {@code chain} (leaf first) and counts the outcome; never throws. */
    public DeviceCertificateCheck check(X509Certificate[] chain) {
        DeviceCertificateCheck outcome = decide(chain);
        outcomes.get(outcome).increment();
        return outcome;
    }

    private DeviceCertificateCheck decide(X509Certificate[] chain) {
        if (chain == null || chain.length == 0 || chain[0] == null) {
            return DeviceCertificateCheck.NO_CERTIFICATE;
        }
        X509Certificate leaf = chain[0];
        long now = clock.millis();
        byte[] fingerprint;
        try {
            fingerprint = VerifiedCertificates.fingerprint(leaf.getEncoded());
        } catch (CertificateEncodingException e) {
            return DeviceCertificateCheck.NOT_A_DEVICE_CERTIFICATE;
        }
        if (verified.contains(fingerprint, now)) {
            return DeviceCertificateCheck.REMEMBERED;
        }
        DeviceCertificateCheck outcome = checkIssuer(leaf);
        if (outcome == null) {
            outcome = checkProfile(leaf);
        }
        if (outcome == null && !signature.signed(leaf)) {
            outcome = DeviceCertificateCheck.BAD_SIGNATURE;
        }
        if (outcome == null) {
            // Validity last: the table remembers the period, so an early or late certificate is judged again next time.
            long notBefore = leaf.getNotBefore().getTime();
            long notAfter = leaf.getNotAfter().getTime();
            if (now < notBefore) {
                return DeviceCertificateCheck.NOT_YET_VALID;
            }
            if (now > notAfter) {
                return DeviceCertificateCheck.EXPIRED;
            }
            verified.add(fingerprint, notBefore, notAfter);
            return DeviceCertificateCheck.VERIFIED;
        }
        return outcome;
    }

    private DeviceCertificateCheck checkIssuer(X509Certificate leaf) {
        if (!ca.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return DeviceCertificateCheck.OTHER_ISSUER;
        }
        if (caKeyIdentifier != null) {
            byte[] authorityKey = authorityKeyIdentifier(leaf);
            if (authorityKey == null || !Arrays.equals(authorityKey, caKeyIdentifier)) {
                return DeviceCertificateCheck.OTHER_ISSUER;
            }
        }
        return null;
    }

    private static DeviceCertificateCheck checkProfile(X509Certificate leaf) {
        Set<String> critical = leaf.getCriticalExtensionOIDs();
        if (critical != null && !UNDERSTOOD.containsAll(critical)) {
            return DeviceCertificateCheck.UNKNOWN_CRITICAL_EXTENSION;
        }
        if (leaf.getVersion() != 3 || leaf.getBasicConstraints() != -1) {
            return DeviceCertificateCheck.NOT_A_DEVICE_CERTIFICATE;
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE])) {
            return DeviceCertificateCheck.NOT_A_DEVICE_CERTIFICATE;
        }
        try {
            List<String> purposes = leaf.getExtendedKeyUsage();
            if (purposes == null || !purposes.contains(CLIENT_AUTH)) {
                return DeviceCertificateCheck.NOT_A_DEVICE_CERTIFICATE;
            }
        } catch (CertificateParsingException e) {
            return DeviceCertificateCheck.NOT_A_DEVICE_CERTIFICATE;
        }
        return null;
    }

    private static byte[] subjectKeyIdentifier(X509Certificate ca) {
        byte[] value = extensionValue(ca, Extension.subjectKeyIdentifier.getId());
        return value == null ? null : SubjectKeyIdentifier.getInstance(value).getKeyIdentifier();
    }

    private static byte[] authorityKeyIdentifier(X509Certificate leaf) {
        byte[] value = extensionValue(leaf, Extension.authorityKeyIdentifier.getId());
        return value == null ? null : AuthorityKeyIdentifier.getInstance(value).getKeyIdentifierOctets();
    }

    /** The extnValue's contents (the JDK returns them wrapped in one more OCTET STRING), or null when absent or malformed. */
    private static byte[] extensionValue(X509Certificate certificate, String oid) {
        byte[] wrapped = certificate.getExtensionValue(oid);
        if (wrapped == null) {
            return null;
        }
        try {
            return ASN1OctetString.getInstance(wrapped).getOctets();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void require(X509Certificate[] chain) throws CertificateException {
        DeviceCertificateCheck outcome = check(chain);
        if (!outcome.accepted()) {
            throw new CertificateException("device certificate refused: " + outcome.tag());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        require(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        require(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        require(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("device certificate trust decides on clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    /** The CA alone: its name goes into the CertificateRequest's certificate_authorities (RFC 8446 §4.2.4). */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return acceptedIssuers.clone();
    }

    /** How many client certificates had {@code outcome} so far. */
    public long count(DeviceCertificateCheck outcome) {
        return outcomes.get(outcome).sum();
    }

    /** {@code landline.tls.client.certificates{outcome}}: every decision, accepted or not. */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (DeviceCertificateCheck outcome : DeviceCertificateCheck.values()) {
            LongAdder adder = outcomes.get(outcome);
            FunctionCounter.builder("landline.tls.client.certificates", adder, LongAdder::sum)
                    .tag("outcome", outcome.tag())
                    .description("TLS client certificates decided by the device-certificate check")
                    .register(registry);
        }
    }
}
