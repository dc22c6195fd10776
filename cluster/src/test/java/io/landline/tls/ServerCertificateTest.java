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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<String> EXTRAS = List.of("push.example.com", "192.0.2.10", "2001:db8::7");

    @TempDir
    Path tlsDir;
    private final MutableClock clock = new MutableClock(T0);
    private CertificateAuthority ca;

    @BeforeEach
    void createCa() {
        ca = CertificateAuthority.loadOrCreate(tlsDir, clock);
    }

    @Test
    void coversLoopbackHostAndExtraNamesAndChainsToTheCa() throws Exception {
        ServerCertificate files = ServerCertificate.ensure(tlsDir, ca, EXTRAS, clock);

        List<X509Certificate> chain = TestCertificates.jdkRead(files.certificatePath());
        X509Certificate leaf = chain.get(0);
        assertThat(files.issued()).isTrue();
        assertThat(chain).hasSize(2).last().isEqualTo(ca.certificate());
        List<String> names = TestCertificates.subjectAltNames(leaf);
        assertThat(names).contains(
                "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "push.example.com", "192.0.2.10", "2001:db8:0:0:0:0:0:7");
        ServerCertificate.localHostName().ifPresent(host -> assertThat(names).contains(host));
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=push.example.com");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(TestCertificates.SERVER_AUTH);
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(Duration.between(T0, leaf.getNotAfter().toInstant())).isEqualTo(Duration.ofDays(365));
        TestCertificates.assertChainsTo(leaf, ca.certificate(), T0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.keyPath()))).isEqualTo("rw-------");
    }

    @Test
    void validCertificateCoveringEveryNameIsReused() throws Exception {
        ServerCertificate first = ServerCertificate.ensure(tlsDir, ca, EXTRAS, clock);
        String pem = Files.readString(first.certificatePath());

        ServerCertificate second = ServerCertificate.ensure(tlsDir, ca, List.of("PUSH.example.com", "2001:DB8:0::7"), later(Duration.ofDays(300)));

        assertThat(second.issued()).isFalse();
        assertThat(Files.readString(second.certificatePath())).isEqualTo(pem);
    }

    @Test
    void addedNameCausesReissue() throws Exception {
        ServerCertificate.ensure(tlsDir, ca, EXTRAS, clock);

        ServerCertificate again = ServerCertificate.ensure(tlsDir, ca, List.of("push.example.com", "relay.example.com"), later(Duration.ofDays(1)));

        assertThat(again.issued()).isTrue();
        assertThat(TestCertificates.subjectAltNames(TestCertificates.jdkRead(again.certificatePath()).get(0))).contains("relay.example.com");
    }

    @Test
    void certificateWithinThirtyDaysOfExpiryIsReissued() throws Exception {
        X509Certificate old = TestCertificates.jdkRead(ServerCertificate.ensure(tlsDir, ca, EXTRAS, clock).certificatePath()).get(0);
        Instant later = T0.plus(Duration.ofDays(340));

        ServerCertificate renewed = ServerCertificate.ensure(tlsDir, ca, EXTRAS, later(Duration.ofDays(340)));

        X509Certificate leaf = TestCertificates.jdkRead(renewed.certificatePath()).get(0);
        assertThat(renewed.issued()).isTrue();
        assertThat(leaf.getSerialNumber()).isNotEqualTo(old.getSerialNumber());
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(later.plus(Duration.ofDays(365)));
        TestCertificates.assertChainsTo(leaf, ca.certificate(), later);
    }

    @Test
    void certificateFromAnotherCaIsReissued() throws Exception {
        Path otherDir = Files.createDirectory(tlsDir.resolve("other"));
        CertificateAuthority other = CertificateAuthority.loadOrCreate(otherDir, clock);
        ServerCertificate.ensure(tlsDir, other, EXTRAS, clock);

        ServerCertificate mine = ServerCertificate.ensure(tlsDir, ca, EXTRAS, clock);

        assertThat(mine.issued()).isTrue();
        TestCertificates.assertChainsTo(TestCertificates.jdkRead(mine.certificatePath()).get(0), ca.certificate(), T0);
    }

    @Test
    void corruptGeneratedFilesAreReplaced() throws Exception {
        ServerCertificate first = ServerCertificate.ensure(tlsDir, ca, EXTRAS, clock);
        Files.writeString(first.keyPath(), "garbage");

        assertThat(ServerCertificate.ensure(tlsDir, ca, EXTRAS, clock).issued()).isTrue();
    }

    @Test
    void requiredNamesPutExtrasFirstAndDropRepeats() {
        assertThat(ServerCertificate.requiredNames(List.of("push.example.com", "[::1]", "LOCALHOST"), Optional.of("gw-7")))
                .containsExactly("push.example.com", "::1", "LOCALHOST", "gw-7", "127.0.0.1");
    }

    @Test
    void malformedExtraNameIsRejected() {
        assertThatThrownBy(() -> ServerCertificate.ensure(tlsDir, ca, List.of("not a name"), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a DNS name or IP address: 'not a name'");
    }

    private Clock later(Duration elapsed) {
        clock.advance(elapsed);
        return clock;
    }
}
