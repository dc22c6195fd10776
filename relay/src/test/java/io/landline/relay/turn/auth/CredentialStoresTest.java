package io.landline.relay.turn.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.landline.protocol.turn.RestCredential;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialStoresTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

    @Test
    void staticUserHasItsPasswordAndPasswordsMayContainColons() {
        StaticUsers users = StaticUsers.parse(List.of("alice:pa:ss", "bob:x"));

        assertThat(users.find("alice", NOW)).hasValueSatisfying(c -> assertThat(c.passwords()).containsExactly("pa:ss"));
        assertThat(users.find("carol", NOW)).isEmpty();
    }

    @Test
    void malformedStaticUsersAreRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> StaticUsers.parse(List.of("alice"))).hasMessage("is not name:password (both non-empty)");
        assertThatThrownBy(() -> StaticUsers.parse(List.of("alice:"))).hasMessage("is not name:password (both non-empty)");
        assertThatThrownBy(() -> StaticUsers.parse(List.of("a:1", "a:2"))).hasMessage("repeats the user 'a'").hasMessageNotContaining("2");
    }

    @Test
    void restUsernameHasOneCandidatePasswordPerSecretNewestFirstAndQuotasCountItsUserPart() {
        RestCredentials rest = new RestCredentials(List.of("new-secret", "old-secret"));
        String username = (NOW.getEpochSecond() + 60) + ":carol";

        Credential credential = rest.find(username, NOW).orElseThrow();

        assertThat(credential.quotaName()).isEqualTo("carol");
        assertThat(credential.passwords()).containsExactly(
                RestCredential.password(username, "new-secret".getBytes(StandardCharsets.UTF_8)),
                RestCredential.password(username, "old-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(credential.toString()).doesNotContain(credential.passwords().get(0));
    }

    @Test
    void expiredOrMalformedRestUsernameIsUnknown() {
        RestCredentials rest = new RestCredentials(List.of("secret-one"));

        assertThat(rest.find((NOW.getEpochSecond() - 1) + ":carol", NOW)).isEmpty();
        assertThat(rest.find("carol", NOW)).isEmpty();
    }

    @Test
    void withoutUsersAndSecretsNobodyCanAuthenticate() {
        Credentials none = new Credentials(StaticUsers.parse(List.of()), new RestCredentials(List.of()));

        assertThat(none.acceptsAnyone()).isFalse();
        assertThat(new Credentials(StaticUsers.parse(List.of()), new RestCredentials(List.of("secret-one"))).acceptsAnyone()).isTrue();
    }
}
