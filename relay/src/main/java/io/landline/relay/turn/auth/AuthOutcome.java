package io.landline.relay.turn.auth;

/** The result of the long-term credential check of one request (RFC 8489 §9.2.4). */
public sealed interface AuthOutcome {

    /**
     * The request is authentic: answer it with integrity under {@code key}.
     *
     * @param sha256 whether the request used MESSAGE-INTEGRITY-SHA256, so the answer does too
     */
    record Authenticated(Credential credential, byte[] key, boolean sha256) implements AuthOutcome {
        /** Never the key. */
        @Override
        public String toString() {
            return "Authenticated[" + credential.username() + ", sha256=" + sha256 + "]";
        }
    }

    /**
     * The request is refused with {@code code}; {@code challenge} says whether the answer carries
     * REALM, a fresh NONCE and PASSWORD-ALGORITHMS (401 and 438 do, 400 does not).
     *
     * @param reason metric tag of the refusal
     */
    record Refused(int code, boolean challenge, String reason) implements AuthOutcome {
    }
}
