package io.landline.testkit;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for tests that must break a profile on purpose: a device certificate with each of
 * its properties chosen (issuer, key identifiers, validity, usages, CA flag, extra critical
 * extensions), CAs of any name, and tampered copies. The defaults give the profile of the
 * appliance CA's device certificates.
 */
public final class HostileCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(1);

    private HostileCertificates() {
    }

    /** A CA certificate and its key. */
    public record Ca(X509Certificate certificate, PrivateKey key) {
    }

    /** A fresh EC P-256 key pair. */
    public static KeyPair p256() {
        return generate("EC", new ECGenParameterSpec("secp256r1"));
    }

    /** A fresh Ed25519 key pair. */
    public static KeyPair ed25519() {
        return generate("Ed25519", null);
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA ({@code pathLen 0}, keyCertSign) named {@code subject}, with a P-256 key. */
    public static Ca ca(X500Name subject) {
        return ca(subject, p256(), "SHA256withECDSA");
    }

    /** A self-signed CA named {@code subject} with {@code keys}, signing with {@code algorithm}. */
    public static Ca ca(X500Name subject, KeyPair keys, String algorithm) {
        try {
            Instant now = Instant.now();
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, serial(), Date.from(now.minusSeconds(3600)),
                    Date.from(now.plus(Duration.ofDays(365))), subject, info);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(info));
            return new Ca(convert(builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()))), keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make test CA", e);
        }
    }

    /** A device certificate for {@code subjectKey} issued by {@code ca}, to be varied before {@link Device#build()}. */
    public static Device device(Ca ca, PublicKey subjectKey) {
        return new Device(ca, subjectKey);
    }

    /** The same certificate with one bit of its signature flipped. */
    public static X509Certificate tamperedSignature(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            // The signature BIT STRING is the certificate's last field: its last byte is the last byte of s.
            der[der.length - 1] ^= 0x01;
            return parse(der);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses DER as the JDK does for a TLS peer. */
    public static X509Certificate parse(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** A device certificate being described. */
    public static final class Device {

        private final Ca ca;
        private final PublicKey subjectKey;
        private X500Name issuer;
        private String commonName = "device";
        private Instant notBefore = Instant.now().minusSeconds(3600);
        private Instant notAfter = Instant.now().plus(Duration.ofDays(30));
        private List<KeyPurposeId> purposes = List.of(KeyPurposeId.id_kp_clientAuth);
        private boolean isCa;
        private boolean authorityKeyIdentifier = true;
        private final List<ASN1ObjectIdentifier> criticalExtras = new ArrayList<>();

        private Device(Ca ca, PublicKey subjectKey) {
            this.ca = ca;
            this.subjectKey = subjectKey;
            this.issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        }

        public Device commonName(String value) {
            this.commonName = value;
            return this;
        }

        public Device validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        /** The extendedKeyUsage purposes; none leaves the extension out. */
        public Device purposes(KeyPurposeId... values) {
            this.purposes = List.of(values);
            return this;
        }

        /** basicConstraints CA:true with keyCertSign, as a CA certificate has. */
        public Device asCa() {
            this.isCa = true;
            return this;
        }

        public Device withoutAuthorityKeyIdentifier() {
            this.authorityKeyIdentifier = false;
            return this;
        }

        /** Adds an extension no verifier knows, marked critical. */
        public Device criticalExtension(ASN1ObjectIdentifier oid) {
            criticalExtras.add(oid);
            return this;
        }

        public X509Certificate build() {
            try {
                X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, serial(), Date.from(notBefore), Date.from(notAfter),
                        new X500Name("CN=" + commonName), SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
                JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.basicConstraints, true, isCa ? new BasicConstraints(0) : new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.digitalSignature : KeyUsage.digitalSignature));
                builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
                if (authorityKeyIdentifier) {
                    builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca.certificate()));
                }
                if (!purposes.isEmpty()) {
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
                }
                for (ASN1ObjectIdentifier oid : criticalExtras) {
                    builder.addExtension(oid, true, new DEROctetString(new byte[] {0x05, 0x00}));
                }
                String algorithm = "EC".equals(ca.key().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
                return convert(builder.build(new JcaContentSignerBuilder(algorithm).build(ca.key())));
            } catch (Exception e) {
                throw new IllegalStateException("cannot make test device certificate", e);
            }
        }
    }

    private static X509Certificate convert(org.bouncycastle.cert.X509CertificateHolder holder) throws Exception {
        return parse(holder.getEncoded());
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.getAndIncrement()).shiftLeft(64).add(BigInteger.valueOf(System.nanoTime() & Long.MAX_VALUE));
    }
}
