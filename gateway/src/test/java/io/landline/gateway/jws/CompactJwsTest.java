package io.landline.gateway.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.client.jws.JwsSigner;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactJwsTest {

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @Test
    void es256TokenVerifiesWithItsKeyAndExposesHeaderAndClaims() throws Exception {
        KeyPair key = p256();
        String token = new JwsSigner(key.getPrivate()).sign(Map.of("kid", "KEY1234567"), Map.of("iss", "ABCDE12345", "iat", 1_700_000_000L));
        CompactJws jws = CompactJws.parse(token);
        assertThat(jws.algorithm()).isEqualTo("ES256");
        assertThat(jws.keyId()).contains("KEY1234567");
        assertThat(jws.issuer()).contains("ABCDE12345");
        assertThat(jws.epochSeconds("iat")).contains(1_700_000_000L);
        assertThat(jws.verifiedBy(key.getPublic())).isTrue();
        assertThat(jws.verifiedBy(p256().getPublic())).isFalse();
    }

    @Test
    void eddsaTokenVerifiesOnlyWithItsEd25519Key() throws Exception {
        KeyPair key = ed25519();
        CompactJws jws = CompactJws.parse(new JwsSigner(key.getPrivate()).sign(Map.of(), Map.of("sub", "x")));
        assertThat(jws.algorithm()).isEqualTo("EdDSA");
        assertThat(jws.verifiedBy(key.getPublic())).isTrue();
        assertThat(jws.verifiedBy(ed25519().getPublic())).isFalse();
        assertThat(jws.verifiedBy(p256().getPublic())).isFalse();
    }

    @Test
    void algorithmNoneAndAlgorithmKeyMismatchNeverVerify() throws Exception {
        KeyPair key = p256();
        String signed = new JwsSigner(key.getPrivate()).sign(Map.of(), Map.of("iss", "T"));
        String claims = signed.split("\\.")[1];
        String none = b64("{\"alg\":\"none\"}") + "." + claims + ".";
        assertThatThrownBy(() -> CompactJws.parse(none)).isInstanceOf(CompactJws.MalformedJws.class);
        String noneSigned = b64("{\"alg\":\"none\"}") + "." + claims + "." + signed.split("\\.")[2];
        assertThat(CompactJws.parse(noneSigned).verifiedBy(key.getPublic())).isFalse();
        String edClaimed = b64("{\"alg\":\"EdDSA\"}") + "." + claims + "." + signed.split("\\.")[2];
        assertThat(CompactJws.parse(edClaimed).verifiedBy(key.getPublic())).isFalse();
    }

    @Test
    void tamperedClaimsFailVerification() throws Exception {
        KeyPair key = p256();
        String[] parts = new JwsSigner(key.getPrivate()).sign(Map.of(), Map.of("iss", "AAAAAAAAAA")).split("\\.");
        String forged = parts[0] + "." + b64("{\"iss\":\"BBBBBBBBBB\"}") + "." + parts[2];
        assertThat(CompactJws.parse(forged).verifiedBy(key.getPublic())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a.b", "a.b.c.d", "!!!.e30.AA", "e30.!!!.AA", "W10.e30.AA", "e30.W10.AA", "bnVsbA.e30.AA",
            "e30.e30", "eyJhbGciOiJFUzI1NiJ9..AA", ".e30.AA", "e30.e30.!"})
    void malformedTokensAreRejectedWithAReason(String token) {
        assertThatThrownBy(() -> CompactJws.parse(token)).isInstanceOf(CompactJws.MalformedJws.class);
    }

    @Test
    void overlongTokenIsRejectedBeforeDecoding() {
        assertThatThrownBy(() -> CompactJws.parse("e30.e30." + "A".repeat(CompactJws.MAX_LENGTH))).isInstanceOf(CompactJws.MalformedJws.class);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
