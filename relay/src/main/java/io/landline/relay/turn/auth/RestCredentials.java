package io.landline.relay.turn.auth;

import io.landline.protocol.turn.RestSecrets;
import io.landline.protocol.turn.RestUsername;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * TURN REST API credentials ({@code username = expiry:user}, {@code password =
 * base64(HMAC-SHA1(secret, username))}) against the configured secrets, newest first, so that
 * credentials minted under the previous secret keep working while a new one rolls out.
 */
public final class RestCredentials implements CredentialStore {

    private final RestSecrets secrets;

    /** @param newestFirst the configured secrets as text; none makes a store that knows nobody */
    public RestCredentials(List<String> newestFirst) {
        this.secrets = newestFirst.isEmpty() ? null
                : new RestSecrets(newestFirst.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
    }

    @Override
    public Optional<Credential> find(String username, Instant now) {
        if (secrets == null) {
            return Optional.empty();
        }
        List<String> passwords = secrets.candidatePasswords(username, now.getEpochSecond());
        if (passwords.isEmpty()) {
            return Optional.empty();
        }
        String user = RestUsername.parse(username).map(RestUsername::user).orElse(username);
        return Optional.of(new Credential(username, user, passwords));
    }

    @Override
    public boolean acceptsAnyone() {
        return secrets != null;
    }
}
