package io.landline.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.io.StringWriter;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Independent checks on issued certificates (JDK parser and PKIX validator), and device-side key material. */
final class TestCertificates {

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private TestCertificates() {
    }

    /** Validates {@code leaf} against {@code ca} as sole trust anchor with the JDK's PKIX validator. */
    static void assertChainsTo(X509Certificate leaf, X509Certificate ca, Instant at) throws GeneralSecurityException {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    /** The certificates of a PEM file as the JDK's own parser reads them. */
    static List<X509Certificate> jdkRead(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).collect(Collectors.toList());
        }
    }

    /** DNS and IP subject alternative names exactly as the JDK reports them. */
    static List<String> subjectAltNames(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames().stream().map(entry -> (String) entry.get(1)).collect(Collectors.toList());
    }

    static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static KeyPair ed25519() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** A PKCS#10 request for {@code subjectKey}, signed by {@code signingKey} (normally the same pair). */
    static PKCS10CertificationRequest csr(KeyPair subjectKey, KeyPair signingKey) throws Exception {
        String algorithm = signingKey.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519";
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=ignored-by-the-ca"), subjectKey.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(signingKey.getPrivate()));
    }

    /**
     * The key as {@code openssl ecparam -name prime256v1 -genkey} writes it: an
     * {@code EC PARAMETERS} block, then a SEC1 (RFC 5915) {@code EC PRIVATE KEY} carrying the
     * curve and the public key.
     */
    static String sec1Pem(KeyPair pair) throws Exception {
        ASN1Encodable curve = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).getPrivateKeyAlgorithm().getParameters();
        DERBitString publicKey = new DERBitString(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData().getBytes());
        ECPrivateKey sec1 = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS(), publicKey, curve);
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject("EC PARAMETERS", curve.toASN1Primitive().getEncoded()));
            writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
        return text.toString();
    }

    static void assertSingleLine(Throwable e) {
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
    }
}
