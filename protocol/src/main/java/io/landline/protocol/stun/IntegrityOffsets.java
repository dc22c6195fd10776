package io.landline.protocol.stun;

/**
 * Where the integrity attributes of a decoded message start, in bytes from the first byte of
 * the message, or {@link #ABSENT}. MESSAGE-INTEGRITY(-SHA256) covers the bytes before its
 * offset (RFC 8489 §14.5, §14.6), FINGERPRINT those before its own (§14.7).
 */
public record IntegrityOffsets(int messageIntegrity, int messageIntegritySha256, int fingerprint) {

    public static final int ABSENT = -1;
    public static final IntegrityOffsets NONE = new IntegrityOffsets(ABSENT, ABSENT, ABSENT);

    public boolean hasMessageIntegrity() {
        return messageIntegrity != ABSENT;
    }

    public boolean hasMessageIntegritySha256() {
        return messageIntegritySha256 != ABSENT;
    }

    public boolean hasFingerprint() {
        return fingerprint != ABSENT;
    }
}
