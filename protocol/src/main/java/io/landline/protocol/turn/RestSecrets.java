package io.landline.protocol.turn;

import java.util.List;
import java.util.Optional;

/**
 * The shared secrets of the TURN REST API scheme, newest first: the newest mints, all of them
 * check, so that a secret can be rotated with overlap (credentials minted under the old one
 * stay valid until they expire). The clock is the caller's: times are passed in.
 */
public final class RestSecrets {

    /** @param newestFirst at least one secret; the first mints */
    public RestSecrets(List<byte[]> newestFirst) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Mints with the newest secret. */
    public RestCredential mint(String user, long expiresAtEpochSecond) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The passwords {@code username} may have been minted with, one per secret, newest first;
     * empty if the username is not of the REST form or expired at {@code nowEpochSecond}. A TURN
     * server checks MESSAGE-INTEGRITY with the key of each until one fits.
     */
    public List<String> candidatePasswords(String username, long nowEpochSecond) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The username's parts if {@code password} is its password under one of the secrets and it
     * has not expired at {@code nowEpochSecond}; comparisons are constant-time.
     */
    public Optional<RestUsername> check(String username, String password, long nowEpochSecond) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return "RestSecrets[" + "]";
    }
}
