package io.landline.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EcPublicKeysTest {

    @Test
    void p256KeyRoundTripsThroughPem() throws Exception {
        var pub = ProviderKeyRepositoryContract.p256();

        assertThat(EcPublicKeys.parse(EcPublicKeys.toPem(pub)).getEncoded()).isEqualTo(pub.getEncoded());
    }

    static Stream<Arguments> notP256Keys() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPairGenerator k256 = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        k256.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        return Stream.of(
                Arguments.of(Named.of("empty", ""), "no PEM public key found"),
                Arguments.of(Named.of("private key", "-----BEGIN PRIVATE KEY-----\nMC4C\n-----END PRIVATE KEY-----\n"), "this is a private key"),
                Arguments.of(Named.of("bad base64", "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n"), "not valid base64"),
                Arguments.of(Named.of("garbage DER", pem(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})), "not an EC public key"),
                Arguments.of(Named.of("P-384", pem(p384.generateKeyPair().getPublic().getEncoded())), "another curve"),
                Arguments.of(Named.of("secp256k1", pem(k256.generateKeyPair().getPublic().getEncoded())), "another curve"),
                Arguments.of(Named.of("RSA", pem(rsa.generateKeyPair().getPublic().getEncoded())), "not an EC public key"),
                Arguments.of(Named.of("Ed25519", pem(ed.generateKeyPair().getPublic().getEncoded())), "not an EC public key"),
                Arguments.of(Named.of("huge", "-----BEGIN PUBLIC KEY-----\n" + "A".repeat(10_000)), "longer than"));
    }

    private static String pem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    }

    @ParameterizedTest
    @MethodSource("notP256Keys")
    void anythingButAP256PublicKeyIsRefusedWithAReason(String pem, String reason) {
        assertThatThrownBy(() -> EcPublicKeys.parse(pem)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
