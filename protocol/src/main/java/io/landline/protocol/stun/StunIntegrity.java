package io.landline.protocol.stun;

import io.landline.protocol.stun.attribute.Fingerprint;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> mac("HmacSHA1"));
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> mac("HmacSHA256"));

    private StunIntegrity() {
    }

    /** Whether {@code decoded} carries MESSAGE-INTEGRITY and it is the HMAC-SHA1 of {@code message} under {@code key}. */
    public static boolean verifyMessageIntegrity(ByteBuf message, StunMessage decoded, byte[] key) {
        int offset = decoded.offsets().messageIntegrity();
        if (offset == IntegrityOffsets.ABSENT || !fits(message, offset, SHA1_BYTES)) {
            return false;
        }
        byte[] expected = messageIntegrity(message, offset, key);
        byte[] received = new byte[SHA1_BYTES];
        message.getBytes(message.readerIndex() + offset + 4, received);
        return MessageDigest.isEqual(expected, received);
    }

    /** Whether {@code decoded} carries MESSAGE-INTEGRITY-SHA256 and it is the (truncated) HMAC-SHA256 under {@code key}. */
    public static boolean verifyMessageIntegritySha256(ByteBuf message, StunMessage decoded, byte[] key) {
        int offset = decoded.offsets().messageIntegritySha256();
        if (offset == IntegrityOffsets.ABSENT || !fits(message, offset, 16)) {
            return false;
        }
        int length = message.getUnsignedShort(message.readerIndex() + offset + 2);
        if (length < 16 || length > SHA256_BYTES || length % 4 != 0 || !fits(message, offset, length)) {
            return false;
        }
        byte[] expected = Arrays.copyOf(messageIntegritySha256(message, offset, length, key), length);
        byte[] received = new byte[length];
        message.getBytes(message.readerIndex() + offset + 4, received);
        return MessageDigest.isEqual(expected, received);
    }

    /**
     * HMAC-SHA1 of the first {@code offset} bytes of {@code message}, with the Message Length
     * read as {@code offset - 20 + 24}: the value of a MESSAGE-INTEGRITY at {@code offset}.
     */
    public static byte[] messageIntegrity(ByteBuf message, int offset, byte[] key) {
        return hmac(HMAC_SHA1.get(), "HmacSHA1", message, offset, offset - StunHeader.BYTES + 4 + SHA1_BYTES, key);
    }

    /**
     * HMAC-SHA256 of the first {@code offset} bytes of {@code message}, with the Message Length
     * read as {@code offset - 20 + 4 + valueLength}: the value of a MESSAGE-INTEGRITY-SHA256 at
     * {@code offset} before truncation to {@code valueLength}.
     */
    public static byte[] messageIntegritySha256(ByteBuf message, int offset, int valueLength, byte[] key) {
        return hmac(HMAC_SHA256.get(), "HmacSHA256", message, offset, offset - StunHeader.BYTES + 4 + valueLength, key);
    }

    /**
     * The FINGERPRINT value of a message whose first {@code offset} bytes are in {@code message}:
     * CRC-32 of those bytes, the Message Length read as {@code offset - 20 + 8}, XOR 0x5354554E.
     */
    public static int fingerprint(ByteBuf message, int offset) {
        int start = message.readerIndex();
        int length = offset - StunHeader.BYTES + 8;
        int crc = Crc32.update(Crc32.start(), message, start, 2);
        crc = Crc32.update(crc, length >>> 8);
        crc = Crc32.update(crc, length);
        crc = Crc32.update(crc, message, start + 4, offset - 4);
        return Crc32.finish(crc) ^ Fingerprint.XOR;
    }

    private static boolean fits(ByteBuf message, int offset, int valueLength) {
        return offset >= StunHeader.BYTES && offset + 4 + valueLength <= message.readableBytes();
    }

    private static byte[] hmac(Mac mac, String algorithm, ByteBuf message, int offset, int adjustedLength, byte[] key) {
        try {
            // HMAC pads a short key with zeros (RFC 2104 §2), so an empty key is one zero byte;
            // SecretKeySpec refuses empty keys.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " refused a raw key", e);
        }
        int start = message.readerIndex();
        update(mac, message, start, 2);
        mac.update((byte) (adjustedLength >>> 8));
        mac.update((byte) adjustedLength);
        update(mac, message, start + 4, offset - 4);
        return mac.doFinal();
    }

    private static void update(Mac mac, ByteBuf buf, int index, int length) {
        if (buf.hasArray()) {
            mac.update(buf.array(), buf.arrayOffset() + index, length);
        } else if (buf.nioBufferCount() == 1) {
            ByteBuffer nio = buf.nioBuffer(index, length);
            mac.update(nio);
        } else {
            for (int i = index; i < index + length; i++) {
                mac.update(buf.getByte(i));
            }
        }
    }

    private static Mac mac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
