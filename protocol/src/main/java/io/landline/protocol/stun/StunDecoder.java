package io.landline.protocol.stun;

import io.netty.buffer.ByteBuf;

/**
 * Decodes one STUN message from a datagram or from a frame that {@code StreamFramer} split off
 * a TCP/TLS stream: the same parser for both transports. Never throws on bad bytes: the
 * result says why (see {@link MalformedReason}). Thread-safe and stateless apart from its limit.
 *
 * <p>The decoder reads the readable bytes of the buffer without moving its indexes or
 * releasing it; the caller stays the buffer's owner. {@link io.landline.protocol.stun.attribute.Data}
 * attributes are slices of that buffer.
 */
public final class StunDecoder {

    /**
     * Largest message accepted by default. A STUN message can claim up to 20 + 65532 bytes; 8 KiB
     * holds any Allocate, Binding or Send indication a client sends within a path MTU, with room
     * for jumbo frames, and bounds what one stream connection can make the server buffer.
     */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 8192;

    private final int maxMessageSize;

    public StunDecoder() {
        this(DEFAULT_MAX_MESSAGE_SIZE);
    }

    /** @param maxMessageSize largest message in bytes, header included; 20..65552 */
    public StunDecoder(int maxMessageSize) {
        if (maxMessageSize < StunHeader.BYTES || maxMessageSize > StunHeader.BYTES + 0xFFFF) {
            throw new IllegalArgumentException("maxMessageSize must be 20..65555: " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Whether the first bytes could be a STUN message: the two top bits zero and, if 8 bytes are
     * there, the magic cookie (RFC 8489 §5, RFC 7983). Cheap; for demultiplexing.
     */
    public static boolean looksLikeStun(ByteBuf buf) {
        int at = buf.readerIndex();
        if (buf.readableBytes() < 1 || (buf.getByte(at) & 0xC0) != 0) {
            return false;
        }
        return buf.readableBytes() < 8 || buf.getInt(at + 4) == StunHeader.MAGIC_COOKIE;
    }

    /** Decodes the readable bytes of {@code message}, which must be exactly one message. */
    public DecodeResult<StunMessage> decode(ByteBuf message) {
        throw new UnsupportedOperationException("not yet");
    }
}
