package io.landline.protocol.turn;

import io.netty.buffer.ByteBuf;

/**
 * Splits a TCP or TLS byte stream into STUN messages and ChannelData frames (RFC 8656 §12.5)
 * by their length fields alone: a STUN message is 20 + Message Length bytes, a ChannelData
 * frame 4 + Length rounded up to a multiple of 4. Parsing is left to
 * {@link io.landline.protocol.stun.StunDecoder} and {@link ChannelDataCodec}, the same parsers
 * that serve UDP. Limits are constructor arguments; stateless, so one framer serves every
 * connection.
 */
public final class StreamFramer {

    /** Largest STUN message on a stream by default, header included. */
    public static final int DEFAULT_MAX_STUN_MESSAGE_SIZE = 8192;
    /** Largest ChannelData Length by default: the format's maximum, as peers' UDP datagrams may be that large. */
    public static final int DEFAULT_MAX_CHANNEL_DATA_LENGTH = 0xFFFF;

    private final int maxStunMessageSize;
    private final int maxChannelDataLength;

    public StreamFramer() {
        this(DEFAULT_MAX_STUN_MESSAGE_SIZE, DEFAULT_MAX_CHANNEL_DATA_LENGTH);
    }

    /**
     * @param maxStunMessageSize   largest STUN message in bytes, header included (20..65552)
     * @param maxChannelDataLength largest ChannelData Length field (0..65535)
     */
    public StreamFramer(int maxStunMessageSize, int maxChannelDataLength) {
        if (maxStunMessageSize < 20 || maxStunMessageSize > 20 + 0xFFFF) {
            throw new IllegalArgumentException("maxStunMessageSize must be 20..65555: " + maxStunMessageSize);
        }
        if (maxChannelDataLength < 0 || maxChannelDataLength > 0xFFFF) {
            throw new IllegalArgumentException("maxChannelDataLength must be 0..65535: " + maxChannelDataLength);
        }
        this.maxStunMessageSize = maxStunMessageSize;
        this.maxChannelDataLength = maxChannelDataLength;
    }

    /**
     * Takes the next whole frame off the front of {@code in} (its reader index advances past
     * it) as a retained slice that the caller owns and must release; or says that more bytes
     * are needed (nothing consumed); or that the stream is broken and must be closed, since a
     * stream cannot resynchronise after a bad length (nothing consumed).
     */
    public Framing next(ByteBuf in) {
        throw new UnsupportedOperationException("not yet");
    }
}
