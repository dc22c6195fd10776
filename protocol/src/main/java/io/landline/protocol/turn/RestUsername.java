package io.landline.protocol.turn;

import java.util.Optional;

/**
 * A TURN REST API username, {@code <expiry epoch seconds>:<user>}, taken apart.
 *
 * @param expiresAtEpochSecond valid up to and including this second
 * @param user                 the user part, for quotas and logs
 */
public record RestUsername(long expiresAtEpochSecond, String user) {

    /** Twelve digits reach the year 33658; more is not a timestamp but an overflow attempt. */
    private static final int MAX_DIGITS = 12;

    public RestUsername {
        if (expiresAtEpochSecond < 0) {
            throw new IllegalArgumentException("expiry before 1970: " + expiresAtEpochSecond);
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("the user part is empty");
        }
    }

    /** The username's parts, if it has the form: 1 to 12 decimal digits, ':', a non-empty user. */
    public static Optional<RestUsername> parse(String username) {
        if (username == null) {
            return Optional.empty();
        }
        int colon = username.indexOf(':');
        if (colon < 1 || colon > MAX_DIGITS || colon == username.length() - 1) {
            return Optional.empty();
        }
        long expiry = 0;
        for (int i = 0; i < colon; i++) {
            char c = username.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            expiry = expiry * 10 + (c - '0');
        }
        return Optional.of(new RestUsername(expiry, username.substring(colon + 1)));
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
