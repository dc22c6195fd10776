package io.landline.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCertificateTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration VALIDITY = Duration.ofDays(825);

    @TempDir
    Path tlsDir;
    private CertificateAuthority ca;

    @BeforeEach
    void createCa() {
        ca = CertificateAuthority.loadOrCreate(tlsDir, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void p256RequestYieldsAClientCertificateThatChainsToTheCa() throws Exception {
        KeyPair device = TestCertificates.p256();

        X509Certificate certificate = reparsed(ca.signDeviceCertificate(TestCertificates.csr(device, device), "device-0042", VALIDITY));

        assertIsClientCertificateFor(certificate, device, "device-0042");
    }

    @Test
    void ed25519RequestYieldsAClientCertificateThatChainsToTheCa() throws Exception {
        KeyPair device = TestCertificates.ed25519();

        X509Certificate certificate = reparsed(ca.signDeviceCertificate(TestCertificates.csr(device, device), "device-0043", VALIDITY));

        assertIsClientCertificateFor(certificate, device, "device-0043");
        assertThat(certificate.getPublicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
    }

    @Test
    void requestNotSignedByItsOwnKeyIsRejected() throws Exception {
        var csr = TestCertificates.csr(TestCertificates.p256(), TestCertificates.p256());

        assertThatThrownBy(() -> ca.signDeviceCertificate(csr, "device-1", VALIDITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("certification request is not signed by its own key");
    }

    @Test
    void rsaRequestIsRejected() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair device = rsa.generateKeyPair();
        var csr = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                new org.bouncycastle.asn1.x500.X500Name("CN=x"), device.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(device.getPrivate()));

        assertThatThrownBy(() -> ca.signDeviceCertificate(csr, "device-2", VALIDITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device key must be EC P-256 or Ed25519, not 1.2.840.113549.1.1.1");
    }

    @Test
    void overlongCommonNameIsRejected() throws Exception {
        KeyPair device = TestCertificates.p256();
        var csr = TestCertificates.csr(device, device);

        assertThatThrownBy(() -> ca.signDeviceCertificate(csr, "d".repeat(65), VALIDITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("commonName must be 1-64 characters");
    }

    private void assertIsClientCertificateFor(X509Certificate certificate, KeyPair device, String commonName) throws Exception {
        TestCertificates.assertChainsTo(certificate, ca.certificate(), T0);
        assertThat(certificate.getPublicKey().getEncoded()).isEqualTo(device.getPublic().getEncoded());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + commonName);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(TestCertificates.CLIENT_AUTH);
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
        assertThat(certificate.getSerialNumber().bitLength()).isBetween(100, 128);
        assertThat(Duration.between(T0, certificate.getNotAfter().toInstant())).isEqualTo(VALIDITY);
    }

    /** Round-trips through the JDK parser so nothing BC-specific hides a malformed encoding. */
    private static X509Certificate reparsed(X509Certificate certificate) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
    }
}
