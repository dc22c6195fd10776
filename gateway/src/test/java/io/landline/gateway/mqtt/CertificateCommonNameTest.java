package io.landline.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.testkit.HostileCertificates;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CertificateCommonNameTest {

    private static final String TOKEN = "0123456789abcdef".repeat(4);
    private static final KeyPair KEYS = HostileCertificates.p256();

    static Stream<Arguments> subjects() {
        return Stream.of(
                Arguments.of("CN=" + TOKEN, Optional.of(TOKEN)),
                Arguments.of("O=Landline,OU=devices,CN=" + TOKEN, Optional.of(TOKEN)),
                Arguments.of("CN=" + TOKEN + ",CN=other", Optional.empty()),   // two CN RDNs: no device
                Arguments.of("CN=" + TOKEN + "+CN=other", Optional.empty()),   // one RDN with two CNs: no device
                Arguments.of("O=Landline,OU=devices", Optional.empty()));      // no CN at all
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void subjectWithExactlyOneCnYieldsItAndAnyOtherYieldsNothing(String subject, Optional<String> expected) throws Exception {
        assertThat(CertificateCommonName.of(certificate(subject))).isEqualTo(expected);
    }

    @Test
    void hostileBytesYieldNothingAndNeverThrow() throws Exception {
        byte[] good = certificate("CN=" + TOKEN);
        Random random = new Random(5223);
        assertThat(CertificateCommonName.of(new byte[0])).isEmpty();
        assertThat(CertificateCommonName.of(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff})).isEmpty(); // SEQUENCE claiming 2 GiB
        assertThat(CertificateCommonName.of(new byte[] {0x04, 0x01, 0x00})).isEmpty(); // an OCTET STRING, not a certificate
        for (int cut = 1; cut < good.length; cut += 7) {
            assertThat(CertificateCommonName.of(Arrays.copyOf(good, cut))).as("cut at %d", cut).isEmpty();
        }
        for (int i = 0; i < 2_000; i++) {
            byte[] noise = good.clone();
            noise[random.nextInt(noise.length)] ^= (byte) (1 + random.nextInt(255));
            CertificateCommonName.of(noise); // flipped bytes may still decode; they must not throw
            byte[] garbage = new byte[random.nextInt(600)];
            random.nextBytes(garbage);
            CertificateCommonName.of(garbage);
        }
    }

    private static byte[] certificate(String subject) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
                Date.from(now.plus(Duration.ofDays(1))), name, SubjectPublicKeyInfo.getInstance(KEYS.getPublic().getEncoded()));
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate())).getEncoded();
    }
}
