package io.landline.protocol.stun;

/**
 * The 20-byte STUN header (RFC 8489 §5), as far as it could be read.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Transaction ID (96 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param length the Message Length field: the bytes after the header
 */
public record StunHeader(StunClass messageClass, StunMethod method, TransactionId transactionId, int length) {

    public static final int BYTES = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;

    /** The 14-bit message type: method bits M11..M0 interleaved with class bits C1 C0 (§5). */
    public static int messageType(StunClass messageClass, StunMethod method) {
        int m = method.code();
        int c = messageClass.bits();
        return (m & 0x000F) | (m & 0x0070) << 1 | (m & 0x0F80) << 2 | (c & 1) << 4 | (c & 2) << 7;
    }

    /** The class encoded in a 14-bit message type. */
    public static StunClass classOf(int messageType) {
        return StunClass.ofBits((messageType >> 4 & 1) | (messageType >> 7 & 2));
    }

    /** The method encoded in a 14-bit message type. */
    public static StunMethod methodOf(int messageType) {
        return StunMethod.of((messageType & 0x000F) | (messageType & 0x00E0) >> 1 | (messageType & 0x3E00) >> 2);
    }

    public boolean isRequest() {
        return messageClass == StunClass.REQUEST;
    }
}
