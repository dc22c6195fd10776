package io.landline.protocol.stun;

import io.landline.protocol.stun.attribute.PasswordAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;

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
        return opaqueString(password).getBytes(StandardCharsets.UTF_8);
    }

    /** Long-term credentials with MD5 (§9.2.2): MD5(username ":" OpaqueString(realm) ":" OpaqueString(password)), 16 bytes. */
    public static byte[] longTermMd5(String username, String realm, String password) {
        return digest("MD5", username + ":" + opaqueString(realm) + ":" + opaqueString(password));
    }

    /** Long-term credentials with SHA-256 (§9.2.2, §18.5): SHA-256 of the same string, 32 bytes. */
    public static byte[] longTermSha256(String username, String realm, String password) {
        return digest("SHA-256", username + ":" + opaqueString(realm) + ":" + opaqueString(password));
    }

    /**
     * The long-term key for a PASSWORD-ALGORITHM number ({@link io.landline.protocol.stun.attribute.PasswordAlgorithm#MD5}
     * or {@code SHA_256}); an unknown number is an {@link IllegalArgumentException}.
     */
    public static byte[] longTerm(int passwordAlgorithm, String username, String realm, String password) {
        return switch (passwordAlgorithm) {
            case PasswordAlgorithm.MD5 -> longTermMd5(username, realm, password);
            case PasswordAlgorithm.SHA_256 -> longTermSha256(username, realm, password);
            default -> throw new IllegalArgumentException("unknown password algorithm " + passwordAlgorithm);
        };
    }

    /** USERHASH (§14.4): SHA-256(OpaqueString(username) ":" OpaqueString(realm)), 32 bytes. */
    public static byte[] userHash(String username, String realm) {
        return digest("SHA-256", opaqueString(username) + ":" + opaqueString(realm));
    }

    /** RFC 8265 §4.2 OpaqueString, as far as STUN needs it: non-ASCII spaces become U+0020, then NFC. */
    public static String opaqueString(String s) {
        StringBuilder mapped = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7F && Character.getType(c) == Character.SPACE_SEPARATOR) {
                mapped = mapped == null ? new StringBuilder(s) : mapped;
                mapped.setCharAt(i, ' ');
            }
        }
        String spaced = mapped == null ? s : mapped.toString();
        return Normalizer.isNormalized(spaced, Normalizer.Form.NFC) ? spaced : Normalizer.normalize(spaced, Normalizer.Form.NFC);
    }

    private static byte[] digest(String algorithm, String input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
