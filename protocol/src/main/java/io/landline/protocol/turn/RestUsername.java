package io.landline.protocol.turn;

import java.util.Optional;

/**
 * A TURN REST API username, {@code <expiry epoch seconds>:<user>}, taken apart.
 *
 * @param expiresAtEpochSecond valid up to and including this second
 * @param user                 the user part, for quotas and logs
 */
public record RestUsername(long expiresAtEpochSecond, String user) {

    /** The username's parts, if it has the form: 1 to 12 decimal digits, ':', a non-empty user. */
    public static Optional<RestUsername> parse(String username) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Whether the username is still valid at {@code nowEpochSecond}. */
    public boolean isValidAt(long nowEpochSecond) {
        return nowEpochSecond <= expiresAtEpochSecond;
    }

    /** The username as sent. */
    public String username() {
        return expiresAtEpochSecond + ":" + user;
    }
}
