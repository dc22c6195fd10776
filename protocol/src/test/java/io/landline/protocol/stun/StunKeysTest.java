package io.landline.protocol.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.protocol.stun.attribute.PasswordAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class StunKeysTest {

    @Test
    void longTermKeysHashUsernameRealmAndPasswordJoinedByColons() throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest("user:realm:pass".getBytes(StandardCharsets.UTF_8));
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("user:realm:pass".getBytes(StandardCharsets.UTF_8));
        assertThat(StunKeys.longTermMd5("user", "realm", "pass")).isEqualTo(md5).hasSize(16);
        assertThat(StunKeys.longTermSha256("user", "realm", "pass")).isEqualTo(sha).hasSize(32);
        assertThat(StunKeys.longTerm(PasswordAlgorithm.MD5, "user", "realm", "pass")).isEqualTo(md5);
        assertThat(StunKeys.longTerm(PasswordAlgorithm.SHA_256, "user", "realm", "pass")).isEqualTo(sha);
        assertThatThrownBy(() -> StunKeys.longTerm(7, "u", "r", "p")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opaqueStringMapsNonAsciiSpacesAndComposesCharacters() {
        assertThat(StunKeys.opaqueString("a\u00a0b\u3000c")).isEqualTo("a b c");
        assertThat(StunKeys.opaqueString("e\u0301")).isEqualTo("\u00e9");
        assertThat(StunKeys.opaqueString("plain")).isSameAs("plain");
        assertThat(StunKeys.shortTerm("p\u00a0w")).isEqualTo("p w".getBytes(StandardCharsets.UTF_8));
    }
}
