package io.landline.protocol.stun;

import io.netty.buffer.ByteBuf;

/**
 * MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5), MESSAGE-INTEGRITY-SHA256 (HMAC-SHA256, §14.6)
 * and FINGERPRINT (CRC-32, §14.7) over raw message bytes. The HMACs cover the message up to
 * the attribute, with the header's Message Length set as if the message ended right after the
 * attribute; comparison is constant-time.
 *
 * <p>{@code message} is the buffer the message was decoded from, its reader index at the first
 * byte of the message (as it was when decoded); indexes are not moved.
 */
public final class StunIntegrity {

    /** HMAC-SHA1 output and MESSAGE-INTEGRITY value length. */
    public static final int SHA1_BYTES = 20;
    /** HMAC-SHA256 output; MESSAGE-INTEGRITY-SHA256 may carry 16..32 of it. */
    public static final int SHA256_BYTES = 32;

    private StunIntegrity() {
    }

    /** Whether {@code decoded} carries MESSAGE-INTEGRITY and it is the HMAC-SHA1 of {@code message} under {@code key}. */
    public static boolean verifyMessageIntegrity(ByteBuf message, StunMessage decoded, byte[] key) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Whether {@code decoded} carries MESSAGE-INTEGRITY-SHA256 and it is the (truncated) HMAC-SHA256 under {@code key}. */
    public static boolean verifyMessageIntegritySha256(ByteBuf message, StunMessage decoded, byte[] key) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * HMAC-SHA1 of the first {@code offset} bytes of {@code message}, with the Message Length
     * read as {@code offset - 20 + 24}: the value of a MESSAGE-INTEGRITY at {@code offset}.
     */
    public static byte[] messageIntegrity(ByteBuf message, int offset, byte[] key) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * HMAC-SHA256 of the first {@code offset} bytes of {@code message}, with the Message Length
     * read as {@code offset - 20 + 4 + valueLength}: the value of a MESSAGE-INTEGRITY-SHA256 at
     * {@code offset} before truncation to {@code valueLength}.
     */
    public static byte[] messageIntegritySha256(ByteBuf message, int offset, int valueLength, byte[] key) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The FINGERPRINT value of a message whose first {@code offset} bytes are in {@code message}:
     * CRC-32 of those bytes, the Message Length read as {@code offset - 20 + 8}, XOR 0x5354554E.
     */
    public static int fingerprint(ByteBuf message, int offset) {
        throw new UnsupportedOperationException("not yet");
    }
}
