package io.landline.protocol.stun;

/**
 * Keys for MESSAGE-INTEGRITY(-SHA256) and the USERHASH value (RFC 8489 §9.1.2, §9.2.2, §14.4).
 * Realm and password pass through the OpaqueString profile of RFC 8265 (NFC, non-ASCII
 * spaces mapped to U+0020) before hashing, as §9.2.2 requires.
 */
public final class StunKeys {

    private StunKeys() {
    }

    /** Short-term credentials (§9.1.2): the key is OpaqueString(password) in UTF-8. */
    public static byte[] shortTerm(String password) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Long-term credentials with MD5 (§9.2.2): MD5(username ":" OpaqueString(realm) ":" OpaqueString(password)), 16 bytes. */
    public static byte[] longTermMd5(String username, String realm, String password) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Long-term credentials with SHA-256 (§9.2.2, §18.5): SHA-256 of the same string, 32 bytes. */
    public static byte[] longTermSha256(String username, String realm, String password) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The long-term key for a PASSWORD-ALGORITHM number ({@link io.landline.protocol.stun.attribute.PasswordAlgorithm#MD5}
     * or {@code SHA_256}); an unknown number is an {@link IllegalArgumentException}.
     */
    public static byte[] longTerm(int passwordAlgorithm, String username, String realm, String password) {
        throw new UnsupportedOperationException("not yet");
    }

    /** USERHASH (§14.4): SHA-256(OpaqueString(username) ":" OpaqueString(realm)), 32 bytes. */
    public static byte[] userHash(String username, String realm) {
        throw new UnsupportedOperationException("not yet");
    }

    /** RFC 8265 §4.2 OpaqueString, as far as STUN needs it: non-ASCII spaces become U+0020, then NFC. */
    public static String opaqueString(String s) {
        throw new UnsupportedOperationException("not yet");
    }
}
