package io.landline.gateway.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.client.jws.JwsSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnrollmentTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final KeyPair OPERATOR = ec();
    private static final KeyPair OPERATOR_ED25519 = ed25519();
    private static final KeyPair STRANGER = ec();

    private final EnrollmentTokenVerifier verifier =
            new EnrollmentTokenVerifier(new EnrollmentKey(Path.of("operator.pub"), OPERATOR.getPublic()), Duration.ofDays(1));

    private static KeyPair ec() {
        try {
            return Csrs.ec("secp256r1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> claims(Object... pairs) {
        Map<String, Object> claims = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            claims.put((String) pairs[i], pairs[i + 1]);
        }
        return claims;
    }

    private static Map<String, Object> valid() {
        return claims("iat", T - 60, "exp", T + 3600, "jti", "enrol-1", "sub", "alice@example.net");
    }

    private static String signed(KeyPair key, Map<String, Object> claims) {
        return new JwsSigner(key.getPrivate()).sign(Map.of("typ", "JWT"), claims);
    }

    private static String unsigned(String header, Map<String, Object> claims, String signature) {
        return B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(new io.vertx.core.json.JsonObject(claims).encode().getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    private static String hs256(byte[] secret, Map<String, Object> claims) throws Exception {
        String input = B64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(new io.vertx.core.json.JsonObject(claims).encode().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Arguments bad(String name, String token, Refusal refusal) {
        return Arguments.of(Named.of(name, token), refusal);
    }

    static Stream<Arguments> badTokens() throws Exception {
        Map<String, Object> noJti = valid();
        noJti.remove("jti");
        Map<String, Object> noExp = valid();
        noExp.remove("exp");
        Map<String, Object> noIat = valid();
        noIat.remove("iat");
        String good = signed(OPERATOR, valid());
        String[] parts = good.split("\\.");
        return Stream.of(
                bad("empty", "", Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("not a JWT", "hello", Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("signed by another key", signed(STRANGER, valid()), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("claims swapped under a good signature", parts[0] + "." + B64.encodeToString(
                        new io.vertx.core.json.JsonObject(claims("iat", T - 60, "exp", T + 3600, "jti", "other")).encode().getBytes(StandardCharsets.UTF_8))
                        + "." + parts[2], Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("alg none without signature", unsigned("{\"alg\":\"none\"}", valid(), ""), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("alg none with a signature", unsigned("{\"alg\":\"none\"}", valid(), parts[2]), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("HS256 keyed with the public key", hs256(OPERATOR.getPublic().getEncoded(), valid()), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("EdDSA by a key of another type", signed(OPERATOR_ED25519, valid()), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("expired", signed(OPERATOR, claims("iat", T - 7200, "exp", T - 1, "jti", "x")), Refusal.ENROLLMENT_TOKEN_EXPIRED),
                bad("expiring this second", signed(OPERATOR, claims("iat", T - 7200, "exp", T, "jti", "x")), Refusal.ENROLLMENT_TOKEN_EXPIRED),
                bad("valid longer than allowed", signed(OPERATOR, claims("iat", T, "exp", T + 86_401, "jti", "x")), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("issued in the future", signed(OPERATOR, claims("iat", T + 600, "exp", T + 1200, "jti", "x")), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("not yet valid", signed(OPERATOR, claims("iat", T, "nbf", T + 600, "exp", T + 1200, "jti", "x")), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("exp before iat", signed(OPERATOR, claims("iat", T, "exp", T - 10, "jti", "x")), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("no jti", signed(OPERATOR, noJti), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("no exp", signed(OPERATOR, noExp), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("no iat", signed(OPERATOR, noIat), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("exp as text", signed(OPERATOR, claims("iat", T, "exp", String.valueOf(T + 60), "jti", "x")), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("exp beyond year 9999", signed(OPERATOR, claims("iat", T, "exp", 1e300, "jti", "x")), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("jti a number", signed(OPERATOR, claims("iat", T, "exp", T + 60, "jti", 7)), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("jti too long", signed(OPERATOR, claims("iat", T, "exp", T + 60, "jti", "j".repeat(257))), Refusal.ENROLLMENT_TOKEN_INVALID),
                bad("sub an object", signed(OPERATOR, claims("iat", T, "exp", T + 60, "jti", "x", "sub", Map.of("a", 1))), Refusal.ENROLLMENT_TOKEN_INVALID));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void badTokenIsRefusedWithItsReason(String token, Refusal refusal) {
        assertThatThrownBy(() -> verifier.verify(token, NOW))
                .isInstanceOfSatisfying(ActivationRefused.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
    }

    @Test
    void validTokenYieldsItsJtiHashExpiryAndSubject() throws Exception {
        EnrollmentClaims claims = verifier.verify(signed(OPERATOR, valid()), NOW);

        assertThat(claims.jtiHash()).matches("[0-9a-f]{64}");
        assertThat(claims.expiresAt()).isEqualTo(Instant.ofEpochSecond(T + 3600));
        assertThat(claims.subject()).isEqualTo(Optional.of("alice@example.net"));
        assertThat(verifier.verify(signed(OPERATOR, valid()), NOW).jtiHash()).isEqualTo(claims.jtiHash());
    }

    @Test
    void ed25519OperatorKeySignsEdDsaTokens() throws Exception {
        EnrollmentTokenVerifier edVerifier = new EnrollmentTokenVerifier(
                new EnrollmentKey(Path.of("operator.pub"), OPERATOR_ED25519.getPublic()), Duration.ofDays(1));

        assertThat(edVerifier.verify(signed(OPERATOR_ED25519, valid()), NOW).subject()).contains("alice@example.net");
        assertThatThrownBy(() -> edVerifier.verify(signed(OPERATOR, valid()), NOW)).isInstanceOf(ActivationRefused.class);
    }

    @Test
    void clockSkewOfAMinuteIsTolerated() throws Exception {
        assertThat(verifier.verify(signed(OPERATOR, claims("iat", T + 59, "exp", T + 600, "jti", "x")), NOW).subject()).isEmpty();
    }
}
