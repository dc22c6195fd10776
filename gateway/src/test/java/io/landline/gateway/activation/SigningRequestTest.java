package io.landline.gateway.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.client.device.DeviceIdentity;
import io.landline.client.device.DeviceKeyType;
import io.landline.tls.CertificateAuthority;
import io.landline.tls.Pem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SigningRequestTest {

    @TempDir
    static Path tls;

    @ParameterizedTest
    @EnumSource(DeviceKeyType.class)
    void requestSignedByItsOwnP256OrEd25519KeyIsAccepted(DeviceKeyType type) throws Exception {
        SigningRequest request = SigningRequest.parse(Csrs.good(type));

        assertThat(request.algorithm()).isEqualTo(type == DeviceKeyType.P256 ? DeviceKeyAlgorithm.P256 : DeviceKeyAlgorithm.ED25519);
    }

    @Test
    void derRequestIsAcceptedToo() throws Exception {
        byte[] der = DeviceIdentity.generate(DeviceKeyType.P256).certificationRequest().getEncoded();

        assertThat(SigningRequest.parse(der).algorithm()).isEqualTo(DeviceKeyAlgorithm.P256);
    }

    private static Arguments refused(String name, byte[] body, Refusal refusal) {
        return Arguments.of(Named.of(name, body), refusal);
    }

    static Stream<Arguments> hostileBodies() throws Exception {
        KeyPair p256 = Csrs.ec("secp256r1");
        PKCS10CertificationRequest good = Csrs.request(p256, p256, "SHA256withECDSA");
        byte[] der = good.getEncoded();
        byte[] flipped = der.clone();
        flipped[flipped.length - 3] ^= 0x01; // inside the signature's INTEGER s
        byte[] goodPem = Csrs.pem(good);
        String goodText = new String(goodPem, java.nio.charset.StandardCharsets.US_ASCII);
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(tls, Clock.systemUTC());
        Random random = new Random(7);
        byte[] noise = new byte[1024];
        random.nextBytes(noise);
        noise[0] = 'x';
        return Stream.of(
                refused("empty body", new byte[0], Refusal.BAD_CSR),
                refused("plain text", Csrs.ascii("hello, activate me"), Refusal.BAD_CSR),
                refused("random bytes", noise, Refusal.BAD_CSR),
                refused("NUL bytes", new byte[64], Refusal.BAD_CSR),
                refused("JSON", Csrs.ascii("{\"csr\":\"MIIB\"}"), Refusal.BAD_CSR),
                refused("PEM armour around garbage", Csrs.ascii("-----BEGIN CERTIFICATE REQUEST-----\n!!!!\n-----END CERTIFICATE REQUEST-----\n"), Refusal.BAD_CSR),
                refused("PEM without its end line", Arrays.copyOf(goodPem, goodPem.length - 40), Refusal.BAD_CSR),
                refused("PEM with a truncated body", Csrs.ascii(goodText.substring(0, 100) + "\n-----END CERTIFICATE REQUEST-----\n"), Refusal.BAD_CSR),
                refused("two requests", Csrs.ascii(goodText + goodText), Refusal.BAD_CSR),
                refused("a certificate", Csrs.ascii(Pem.encodeCertificates(List.of(ca.certificate()))), Refusal.BAD_CSR),
                refused("a private key", Csrs.ascii(Pem.encodePrivateKey(p256.getPrivate())), Refusal.BAD_CSR),
                refused("DER cut short", Arrays.copyOf(der, der.length / 2), Refusal.BAD_CSR),
                refused("DER claiming 64 KiB", new byte[] {0x30, (byte) 0x83, 0x01, 0x00, 0x00, 0x02, 0x01, 0x00}, Refusal.BAD_CSR),
                refused("bad signature", Csrs.pem(new PKCS10CertificationRequest(flipped)), Refusal.BAD_CSR),
                refused("signed by another key", Csrs.pem(Csrs.request(p256, Csrs.ec("secp256r1"), "SHA256withECDSA")), Refusal.BAD_CSR),
                refused("RSA key", Csrs.pem(Csrs.request(Csrs.rsa(), Csrs.rsa(), "SHA256withRSA")), Refusal.UNSUPPORTED_KEY),
                refused("P-384 key", Csrs.pem(Csrs.request(Csrs.ec("secp384r1"), Csrs.ec("secp384r1"), "SHA384withECDSA")), Refusal.UNSUPPORTED_KEY),
                refused("larger than 4 KiB", new byte[SigningRequest.MAX_BYTES + 1], Refusal.PAYLOAD_TOO_LARGE));
    }

    @ParameterizedTest
    @MethodSource("hostileBodies")
    void hostileBodyIsRefusedWithItsReason(byte[] body, Refusal refusal) {
        assertThatThrownBy(() -> SigningRequest.parse(body))
                .isInstanceOfSatisfying(ActivationRefused.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
    }

    /** Thousands of one- to four-byte mutations of good requests: each is accepted or refused, nothing else. */
    @ParameterizedTest
    @EnumSource(DeviceKeyType.class)
    void mutatedRequestsAreAcceptedOrRefusedButNeverThrowAnythingElse(DeviceKeyType type) throws Exception {
        Random random = new Random(type.ordinal() + 42);
        byte[][] originals = {Csrs.good(type), DeviceIdentity.generate(type).certificationRequest().getEncoded()};
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] body = originals[i % 2].clone();
            for (int m = random.nextInt(4); m >= 0; m--) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
            try {
                SigningRequest.parse(body);
            } catch (ActivationRefused e) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(1000);
    }
}
