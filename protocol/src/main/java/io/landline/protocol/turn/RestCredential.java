package io.landline.protocol.turn;

import java.util.Objects;

/**
 * An ephemeral TURN credential of the "TURN REST API" scheme (draft-uberti-behave-turn-rest,
 * as coturn implements it): {@code username = <expiry epoch seconds>:<user>} and
 * {@code password = base64(HMAC-SHA1(secret, username))}. Whoever knows the shared secret
 * (the gateway minting ICE server lists, the TURN server checking them) can compute the
 * password from the username, so nothing is stored per credential.
 *
 * @param username {@code <expiry>:<user>}, sent as USERNAME
 * @param password the long-term password for {@code username}
 */
public record RestCredential(String username, String password) {

    public RestCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Mints the credential for {@code user} valid until {@code expiresAtEpochSecond}.
     *
     * @param user   non-empty, no control characters; may itself contain ':'
     * @param secret the newest shared secret
     */
    public static RestCredential mint(String user, long expiresAtEpochSecond, byte[] secret) {
        throw new UnsupportedOperationException("not yet");
    }

    /** {@code base64(HMAC-SHA1(secret, username))}: the password of {@code username} under {@code secret}. */
    public static String password(String username, byte[] secret) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "RestCredential[" + username + "]";
    }
}
