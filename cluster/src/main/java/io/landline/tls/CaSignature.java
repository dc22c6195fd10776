package io.landline.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Checks that a certificate carries the appliance CA's signature (RFC 5280 §4.1.1.3), with the
 * fastest correct implementation for the CA's key: for a P-256 key signing ecdsa-with-SHA256 (what
 * {@link CertificateAuthority} always does), Bouncy Castle's ECDSA over its custom-curve
 * {@code SecP256R1} field arithmetic, several times faster than the JDK's generic P-256 code;
 * any other key or algorithm goes to the JDK's {@link X509Certificate#verify(PublicKey)}.
 */
sealed interface CaSignature {

    /** ecdsa-with-SHA256, RFC 5758 §3.2. */
    String ECDSA_WITH_SHA256 = X9ObjectIdentifiers.ecdsa_with_SHA256.getId();

    /** Whether {@code certificate} is signed by the CA's key. Never throws for a bad signature. */
    boolean signed(X509Certificate certificate);

    /** The implementation for {@code caKey}. */
    static CaSignature of(PublicKey caKey) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(caKey.getEncoded());
        boolean p256 = X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
                && SECObjectIdentifiers.secp256r1.equals(info.getAlgorithm().getParameters());
        return p256 ? new P256(info) : new Jdk(caKey);
    }

    /** ECDSA P-256 with SHA-256 on Bouncy Castle's lightweight API; other algorithms by the JDK. */
    final class P256 implements CaSignature {

        private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
        private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE);

        /** One point object for every verification, so its precomputed multiples are made once. */
        private final ECPublicKeyParameters key;
        private final Jdk fallback;

        P256(SubjectPublicKeyInfo info) {
            this.key = new ECPublicKeyParameters(DOMAIN.getCurve().decodePoint(info.getPublicKeyData().getOctets()).normalize(), DOMAIN);
            this.fallback = new Jdk(publicKey(info));
        }

        @Override
        public boolean signed(X509Certificate certificate) {
            if (!ECDSA_WITH_SHA256.equals(certificate.getSigAlgOID())) {
                return fallback.signed(certificate);
            }
            try {
                byte[] signature = certificate.getSignature();
                // Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 5480 §2.2 via RFC 3279 §2.2.3), DER only.
                ASN1Sequence sequence = ASN1Sequence.getInstance(signature);
                if (sequence.size() != 2 || !Arrays.equals(sequence.getEncoded(ASN1Encoding.DER), signature)) {
                    return false;
                }
                BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
                BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
                byte[] digest = sha256().digest(certificate.getTBSCertificate());
                ECDSASigner verifier = new ECDSASigner();
                verifier.init(false, key);
                // Rejects r or s outside [1, n-1] itself (FIPS 186-5 §6.4.2 step 1).
                return verifier.verifySignature(digest, r, s);
            } catch (IOException | IllegalArgumentException | IllegalStateException | GeneralSecurityException e) {
                return false;
            }
        }

        private static PublicKey publicKey(SubjectPublicKeyInfo info) {
            try {
                return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot read the CA's P-256 key", e);
            }
        }
    }

    /** The JDK's own verification, for any algorithm it knows. */
    record Jdk(PublicKey key) implements CaSignature {

        @Override
        public boolean signed(X509Certificate certificate) {
            try {
                certificate.verify(key);
                return true;
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }
    }

    /** SHA-256 is in every JDK (Java SE 17 §MessageDigest requirements); its absence is a broken runtime. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
