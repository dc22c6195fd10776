package io.landline.gateway.activation;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** The device keys Landline certifies: EC P-256 (RFC 5480) and Ed25519 (RFC 8410). */
public enum DeviceKeyAlgorithm {
    P256("EC P-256"),
    ED25519("Ed25519");

    /** What the answer to a device with another key says is accepted. */
    static final String ACCEPTED = "EC P-256 (prime256v1) or Ed25519";

    private final String label;

    DeviceKeyAlgorithm(String label) {
        this.label = label;
    }

    /** As stored with the device, e.g. {@code "EC P-256"}. */
    public String label() {
        return label;
    }

    /** The algorithm of {@code key}, if it is one we certify. */
    static Optional<DeviceKeyAlgorithm> of(SubjectPublicKeyInfo key) {
        AlgorithmIdentifier algorithm = key.getAlgorithm();
        ASN1ObjectIdentifier type = algorithm.getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(type) && SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters())) {
            return Optional.of(P256);
        }
        // RFC 8410 §3: the parameters MUST be absent.
        if (EdECObjectIdentifiers.id_Ed25519.equals(type) && algorithm.getParameters() == null) {
            return Optional.of(ED25519);
        }
        return Optional.empty();
    }
}
