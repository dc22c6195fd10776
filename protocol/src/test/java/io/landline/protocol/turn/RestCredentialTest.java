package io.landline.protocol.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestCredentialTest {

    static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    static final byte[] OLD_SECRET = "old-secret".getBytes(StandardCharsets.UTF_8);
    /** {@code echo -n 1700000000:alice | openssl dgst -sha1 -hmac s3cret -binary | base64} */
    static final String ALICE_PASSWORD = "TtElzSjT0GdnTQ9xdcRNxx96yQs=";
    /** The same under "old-secret". */
    static final String ALICE_OLD_PASSWORD = "NxP/F5ItkmM8mlwX6/Iat/fdNco=";

    @Test
    void mintsExpiryColonUserAndTheBase64HmacSha1OfIt() {
        RestCredential c = RestCredential.mint("alice", 1_700_000_000L, SECRET);
        assertThat(c.username()).isEqualTo("1700000000:alice");
        assertThat(c.password()).isEqualTo(ALICE_PASSWORD);
        assertThat(c.toString()).doesNotContain(ALICE_PASSWORD);
    }

    @Test
    void aUsernameIsValidUpToAndIncludingItsExpirySecond() {
        RestSecrets secrets = new RestSecrets(List.of(SECRET));
        assertThat(secrets.check("1700000000:alice", ALICE_PASSWORD, 1_699_999_999L)).isPresent();
        assertThat(secrets.check("1700000000:alice", ALICE_PASSWORD, 1_700_000_000L)).isPresent();
        assertThat(secrets.check("1700000000:alice", ALICE_PASSWORD, 1_700_000_001L)).isEmpty();
        assertThat(secrets.candidatePasswords("1700000000:alice", 1_700_000_001L)).isEmpty();
    }

    @Test
    void rotatedSecretsCheckNewestFirstAndTheNewestMints() {
        RestSecrets secrets = new RestSecrets(List.of(SECRET, OLD_SECRET));
        assertThat(secrets.candidatePasswords("1700000000:alice", 0)).containsExactly(ALICE_PASSWORD, ALICE_OLD_PASSWORD);
        assertThat(secrets.check("1700000000:alice", ALICE_OLD_PASSWORD, 0))
                .contains(new RestUsername(1_700_000_000L, "alice"));
        assertThat(secrets.mint("alice", 1_700_000_000L).password()).isEqualTo(ALICE_PASSWORD);
        assertThat(new RestSecrets(List.of(SECRET)).check("1700000000:alice", ALICE_OLD_PASSWORD, 0)).isEmpty();
    }

    @Test
    void aWrongPasswordOrForeignUsernameIsNotValid() {
        RestSecrets secrets = new RestSecrets(List.of(SECRET));
        assertThat(secrets.check("1700000000:alice", "TtElzSjT0GdnTQ9xdcRNxx96yQt=", 0)).isEmpty();
        assertThat(secrets.check("1700000000:mallory", ALICE_PASSWORD, 0)).isEmpty();
        assertThat(secrets.check("1700000000:alice", null, 0)).isEmpty();
    }

    @Test
    void usernamesNotOfTheRestFormAreRejected() {
        for (String bad : new String[] {"alice", ":alice", "1700000000:", "17x0:alice", "-1:alice", "1234567890123:alice", ""}) {
            assertThat(RestUsername.parse(bad)).as(bad).isEmpty();
        }
        assertThat(RestUsername.parse(null)).isEmpty();
        assertThat(RestUsername.parse("1700000000:team:alice")).contains(new RestUsername(1_700_000_000L, "team:alice"));
    }

    @Test
    void emptySecretsAndUsersAreRefused() {
        assertThatThrownBy(() -> new RestSecrets(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestSecrets(List.of(new byte[0]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestCredential.mint("", 1, SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestCredential.mint("a\nb", 1, SECRET)).isInstanceOf(IllegalArgumentException.class);
    }
}
