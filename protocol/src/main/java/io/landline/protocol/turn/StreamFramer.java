package io.landline.protocol.turn;

import io.landline.protocol.stun.MalformedReason;
import io.landline.protocol.stun.StunHeader;
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
    private final ChannelRange channelRange;

    public StreamFramer() {
        this(DEFAULT_MAX_STUN_MESSAGE_SIZE, DEFAULT_MAX_CHANNEL_DATA_LENGTH);
    }

    /** Channel numbers of RFC 8656 only. */
    public StreamFramer(int maxStunMessageSize, int maxChannelDataLength) {
        this(maxStunMessageSize, maxChannelDataLength, ChannelRange.RFC_8656);
    }

    /**
     * @param maxStunMessageSize   largest STUN message in bytes, header included (20..65555)
     * @param maxChannelDataLength largest ChannelData Length field (0..65535)
     * @param channelRange         the channel numbers whose first byte starts a ChannelData frame
     */
    public StreamFramer(int maxStunMessageSize, int maxChannelDataLength, ChannelRange channelRange) {
        if (maxStunMessageSize < 20 || maxStunMessageSize > 20 + 0xFFFF) {
            throw new IllegalArgumentException("maxStunMessageSize must be 20..65555: " + maxStunMessageSize);
        }
        if (maxChannelDataLength < 0 || maxChannelDataLength > 0xFFFF) {
            throw new IllegalArgumentException("maxChannelDataLength must be 0..65535: " + maxChannelDataLength);
        }
        this.maxStunMessageSize = maxStunMessageSize;
        this.maxChannelDataLength = maxChannelDataLength;
        this.channelRange = java.util.Objects.requireNonNull(channelRange, "channelRange");
    }

    /**
     * Takes the next whole frame off the front of {@code in} (its reader index advances past
     * it) as a retained slice that the caller owns and must release; or says that more bytes
     * are needed (nothing consumed); or that the stream is broken and must be closed, since a
     * stream cannot resynchronise after a bad length (nothing consumed).
     */
    public Framing next(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return Framing.NeedMore.INSTANCE;
        }
        int at = in.readerIndex();
        int first = in.getUnsignedByte(at);
        int length = in.getUnsignedShort(at + 2);
        PacketKind kind;
        int frameLength;
        if ((first & 0xC0) == 0) {
            // RFC 8489 §5: the length of a STUN message is always a multiple of 4
            if (length % 4 != 0) {
                return new Framing.Invalid(MalformedReason.LENGTH_NOT_MULTIPLE_OF_4);
            }
            kind = PacketKind.STUN;
            frameLength = StunHeader.BYTES + length;
            if (frameLength > maxStunMessageSize) {
                return new Framing.Invalid(MalformedReason.TOO_LARGE);
            }
        } else if (channelRange.coversFirstByte(first)) {
            // RFC 8656 §12.5: over TCP and TLS, ChannelData is padded to a multiple of 4
            kind = PacketKind.CHANNEL_DATA;
            frameLength = ChannelDataCodec.HEADER_BYTES + length + ChannelDataCodec.padding(length);
            if (length > maxChannelDataLength) {
                return new Framing.Invalid(MalformedReason.TOO_LARGE);
            }
        } else {
            return new Framing.Invalid(MalformedReason.NOT_STUN_OR_CHANNEL_DATA);
        }
        if (in.readableBytes() < frameLength) {
            return Framing.NeedMore.INSTANCE;
        }
        return new Framing.Frame(kind, in.readRetainedSlice(frameLength));
    }
}
