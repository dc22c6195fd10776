package io.landline.gateway.provider.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.client.jws.JwsSigner;
import io.landline.gateway.provider.ApnsReason;
import io.landline.provider.ProviderKey;
import io.landline.provider.ProviderKeyRepository;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    /** Stored keys in memory: the repository seam, not our own component under test. */
    static final class Stored implements ProviderKeyRepository {
        final List<ProviderKey> keys = new ArrayList<>();

        @Override
        public boolean insert(ProviderKey key) {
            return keys.add(key);
        }

        @Override
        public boolean delete(String team, String keyId) {
            return keys.removeIf(k -> k.team().equals(team) && k.keyId().equals(keyId));
        }

        @Override
        public List<ProviderKey> all() {
            return List.copyOf(keys);
        }
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String bearer(KeyPair pair, String team, String kid, Instant iat) {
        return "bearer " + new JwsSigner(pair.getPrivate()).sign(Map.of("kid", kid), Map.of("iss", team, "iat", iat.getEpochSecond()));
    }

    @Test
    void tokenSignedWithARegisteredKeyIsAcceptedUntilItIsAnHourOld() throws Exception {
        KeyPair pair = p256();
        ProviderKeys keys = new ProviderKeys(List.of(new ProviderKey("T", "K", (ECPublicKey) pair.getPublic(), List.of(), ProviderKey.Origin.CONFIG)), new Stored());
        ProviderTokens tokens = new ProviderTokens(keys, 10);
        String auth = bearer(pair, "T", "K", NOW);

        assertThat(tokens.check(auth, NOW)).isInstanceOf(ProviderTokens.Accepted.class);
        assertThat(tokens.check(auth, NOW.plus(Duration.ofMinutes(59)))).isInstanceOf(ProviderTokens.Accepted.class);
        assertThat(tokens.check(auth, NOW.plus(Duration.ofMinutes(61)))).isEqualTo(new ProviderTokens.Refused(ApnsReason.ExpiredProviderToken));
    }

    @Test
    void verifiedTokenIsRememberedOnceAndForgottenWhenItsKeyIsRemoved() throws Exception {
        KeyPair pair = p256();
        Stored stored = new Stored();
        ProviderKeys keys = new ProviderKeys(List.of(), stored);
        keys.add(new ProviderKey("T", "K", (ECPublicKey) pair.getPublic(), List.of(), ProviderKey.Origin.STORED));
        ProviderTokens tokens = new ProviderTokens(keys, 10);
        String auth = bearer(pair, "T", "K", NOW);

        tokens.check(auth, NOW);
        tokens.check(auth, NOW);
        assertThat(tokens.cached()).isEqualTo(1);

        keys.remove("T", "K");
        assertThat(tokens.check(auth, NOW)).isEqualTo(new ProviderTokens.Refused(ApnsReason.InvalidProviderToken));
        assertThat(tokens.cached()).isZero();
    }

    @Test
    void cacheStaysWithinItsBound() throws Exception {
        KeyPair pair = p256();
        ProviderKeys keys = new ProviderKeys(List.of(new ProviderKey("T", "K", (ECPublicKey) pair.getPublic(), List.of(), ProviderKey.Origin.CONFIG)), new Stored());
        ProviderTokens tokens = new ProviderTokens(keys, 3);
        for (int i = 0; i < 10; i++) {
            assertThat(tokens.check(bearer(pair, "T", "K", NOW.minusSeconds(i)), NOW)).isInstanceOf(ProviderTokens.Accepted.class);
        }
        assertThat(tokens.cached()).isLessThanOrEqualTo(3);
    }

    @Test
    void derEncodedSignatureIsAcceptedAndATamperedOneIsNot() throws Exception {
        KeyPair pair = p256();
        ProviderKeys keys = new ProviderKeys(List.of(new ProviderKey("T", "K", (ECPublicKey) pair.getPublic(), List.of(), ProviderKey.Origin.CONFIG)), new Stored());
        ProviderTokens tokens = new ProviderTokens(keys, 10);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"ES256\",\"kid\":\"K\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"iss\":\"T\",\"iat\":" + NOW.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(pair.getPrivate());
        der.update(input.getBytes(StandardCharsets.US_ASCII));
        byte[] signature = der.sign();

        assertThat(tokens.check("bearer " + input + "." + b64.encodeToString(signature), NOW)).isInstanceOf(ProviderTokens.Accepted.class);
        signature[signature.length - 1] ^= 1;
        assertThat(tokens.check("bearer " + input + "." + b64.encodeToString(signature), NOW))
                .isEqualTo(new ProviderTokens.Refused(ApnsReason.InvalidProviderToken));
    }

    @Test
    void headerWithoutBearerTokenIsMissingProviderToken() {
        ProviderTokens tokens = new ProviderTokens(new ProviderKeys(List.of(), new Stored()), 10);

        for (String header : new String[] {null, "", "bearer ", "Basic abc", "bearer"}) {
            assertThat(tokens.check(header, NOW)).as(header).isEqualTo(new ProviderTokens.Refused(ApnsReason.MissingProviderToken));
        }
    }
}
