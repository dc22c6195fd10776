package io.landline.protocol.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
        Objects.requireNonNull(user, "user");
        if (user.isEmpty() || user.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a REST user is non-empty text without control characters");
        }
        String username = new RestUsername(expiresAtEpochSecond, user).username();
        return new RestCredential(username, password(username, secret));
    }

    /** {@code base64(HMAC-SHA1(secret, username))}: the password of {@code username} under {@code secret}. */
    public static String password(String username, byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("an empty secret authenticates anyone");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "RestCredential[" + username + "]";
    }
}
