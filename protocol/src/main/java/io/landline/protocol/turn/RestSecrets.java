package io.landline.protocol.turn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shared secrets of the TURN REST API scheme, newest first: the newest mints, all of them
 * check, so that a secret can be rotated with overlap (credentials minted under the old one
 * stay valid until they expire). The clock is the caller's: times are passed in.
 */
public final class RestSecrets {

    private final List<byte[]> secrets;

    /** @param newestFirst at least one secret, none empty; the first mints */
    public RestSecrets(List<byte[]> newestFirst) {
        if (newestFirst.isEmpty()) {
            throw new IllegalArgumentException("at least one secret");
        }
        List<byte[]> copies = new ArrayList<>(newestFirst.size());
        for (byte[] s : newestFirst) {
            if (s.length == 0) {
                throw new IllegalArgumentException("an empty secret authenticates anyone");
            }
            copies.add(s.clone());
        }
        this.secrets = List.copyOf(copies);
    }

    /** Mints with the newest secret. */
    public RestCredential mint(String user, long expiresAtEpochSecond) {
        return RestCredential.mint(user, expiresAtEpochSecond, secrets.get(0));
    }

    /**
     * The passwords {@code username} may have been minted with, one per secret, newest first;
     * empty if the username is not of the REST form or expired at {@code nowEpochSecond}. A TURN
     * server checks MESSAGE-INTEGRITY with the key of each until one fits.
     */
    public List<String> candidatePasswords(String username, long nowEpochSecond) {
        Optional<RestUsername> parsed = RestUsername.parse(username);
        if (parsed.isEmpty() || !parsed.get().isValidAt(nowEpochSecond)) {
            return List.of();
        }
        List<String> passwords = new ArrayList<>(secrets.size());
        for (byte[] secret : secrets) {
            passwords.add(RestCredential.password(username, secret));
        }
        return passwords;
    }

    /**
     * The username's parts if {@code password} is its password under one of the secrets and it
     * has not expired at {@code nowEpochSecond}; comparisons are constant-time.
     */
    public Optional<RestUsername> check(String username, String password, long nowEpochSecond) {
        Optional<RestUsername> parsed = RestUsername.parse(username);
        if (parsed.isEmpty() || password == null || !parsed.get().isValidAt(nowEpochSecond)) {
            return Optional.empty();
        }
        byte[] offered = password.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String candidate : candidatePasswords(username, nowEpochSecond)) {
            match |= MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), offered);
        }
        return match ? parsed : Optional.empty();
    }

    public int size() {
        return secrets.size();
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return "RestSecrets[" + secrets.size() + " secret(s)]";
    }
}
