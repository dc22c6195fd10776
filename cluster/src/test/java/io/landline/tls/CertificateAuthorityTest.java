package io.landline.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path tlsDir;

    @Test
    void createdOnFirstStartAndReusedOnTheNext() throws Exception {
        CertificateAuthority first = CertificateAuthority.loadOrCreate(tlsDir, CLOCK);
        CertificateAuthority second = CertificateAuthority.loadOrCreate(tlsDir, Clock.offset(CLOCK, Duration.ofDays(3)));

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(first.certificatePath()).isEqualTo(tlsDir.resolve("ca.pem"));
        assertThat(TestCertificates.jdkRead(tlsDir.resolve("ca.pem"))).containsExactly(first.certificate());
    }

    @Test
    void keyIsPkcs8AndOwnerOnlyWhileTheCertificateIsWorldReadable() throws Exception {
        CertificateAuthority.loadOrCreate(tlsDir, CLOCK);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tlsDir.resolve("ca.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tlsDir.resolve("ca.pem")))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(tlsDir.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(tlsDir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void caCertificateIsAConstrainedTenYearSelfSignedP256Ca() throws Exception {
        X509Certificate ca = CertificateAuthority.loadOrCreate(tlsDir, CLOCK).certificate();

        assertThat(ca.getSubjectX500Principal().getName()).matches("CN=Landline CA [0-9a-f]{8}");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        ca.verify(ca.getPublicKey());
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(ca.getBasicConstraints()).isZero(); // CA:true, pathLen 0
        assertThat(ca.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false); // keyCertSign, cRLSign
        assertThat(ca.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(
                Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        assertThat(Duration.between(T0, ca.getNotAfter().toInstant())).isGreaterThanOrEqualTo(Duration.ofDays(3650));
        assertThat(ca.getNotBefore().toInstant()).isBefore(T0);
    }

    @Test
    void keyLeftWithoutCertificateByACrashIsReplacedByANewCa() throws Exception {
        Files.writeString(tlsDir.resolve("ca.key"), "half-written");

        CertificateAuthority ca = CertificateAuthority.loadOrCreate(tlsDir, CLOCK);

        assertThat(CertificateAuthority.loadOrCreate(tlsDir, CLOCK).fingerprint()).isEqualTo(ca.fingerprint());
    }

    @Test
    void certificateWithoutItsKeyIsRefusedRatherThanReplaced() {
        CertificateAuthority.loadOrCreate(tlsDir, CLOCK);
        Path key = tlsDir.resolve("ca.key");
        key.toFile().delete();

        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(tlsDir, CLOCK))
                .isInstanceOf(TlsSetupException.class)
                .hasMessage(key + ": missing, but ca.pem exists; restore the key or delete both to create a new CA");
    }

    @Test
    void keyOfAnotherCaIsRefused() throws Exception {
        Path other = Files.createDirectory(tlsDir.resolve("other"));
        CertificateAuthority.loadOrCreate(tlsDir, CLOCK);
        CertificateAuthority.loadOrCreate(other, CLOCK);
        Files.copy(other.resolve("ca.key"), tlsDir.resolve("ca.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(tlsDir, CLOCK))
                .isInstanceOf(TlsSetupException.class)
                .hasMessage(tlsDir.resolve("ca.key") + ": is not the EC key of " + tlsDir.resolve("ca.pem"));
    }
}
