package io.landline.protocol.stun;

/**
 * The attributes that close a message, added by the encoder in the order RFC 8489 fixes:
 * MESSAGE-INTEGRITY, then MESSAGE-INTEGRITY-SHA256, then FINGERPRINT (§14.5–§14.7).
 *
 * @param messageIntegrityKey       HMAC-SHA1 key, or null for no MESSAGE-INTEGRITY
 * @param messageIntegritySha256Key HMAC-SHA256 key, or null for no MESSAGE-INTEGRITY-SHA256
 * @param fingerprint               whether to add FINGERPRINT
 */
public record StunTrailer(byte[] messageIntegrityKey, byte[] messageIntegritySha256Key, boolean fingerprint) {

    public static final StunTrailer NONE = new StunTrailer(null, null, false);
    public static final StunTrailer FINGERPRINT = new StunTrailer(null, null, true);

    /** MESSAGE-INTEGRITY keyed with {@code key} (see {@link StunKeys}). */
    public static StunTrailer messageIntegrity(byte[] key) {
        return new StunTrailer(key, null, false);
    }

    /** MESSAGE-INTEGRITY-SHA256 keyed with {@code key} (see {@link StunKeys}). */
    public static StunTrailer messageIntegritySha256(byte[] key) {
        return new StunTrailer(null, key, false);
    }

    public StunTrailer withMessageIntegrity(byte[] key) {
        return new StunTrailer(key, messageIntegritySha256Key, fingerprint);
    }

    public StunTrailer withMessageIntegritySha256(byte[] key) {
        return new StunTrailer(messageIntegrityKey, key, fingerprint);
    }

    public StunTrailer withFingerprint() {
        return new StunTrailer(messageIntegrityKey, messageIntegritySha256Key, true);
    }

    /** Never the keys. */
    @Override
    public String toString() {
        return "StunTrailer[mi=" + (messageIntegrityKey != null) + ", mi256=" + (messageIntegritySha256Key != null)
                + ", fingerprint=" + fingerprint + "]";
    }
}
