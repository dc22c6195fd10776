package io.landline.protocol.turn;

import io.landline.protocol.stun.DecodeResult;
import io.landline.protocol.stun.Decoded;
import io.landline.protocol.stun.Malformed;
import io.landline.protocol.stun.MalformedReason;
import io.netty.buffer.ByteBuf;

/**
 * Decodes and encodes ChannelData (RFC 8656 §12.4, §12.5). The same decoder serves datagrams
 * and frames split off a stream by {@link StreamFramer}: up to 3 bytes of padding after the
 * data are accepted (required on TCP/TLS, allowed on UDP), more trailing bytes are not.
 * Decoding copies nothing and never throws on bad bytes.
 */
public final class ChannelDataCodec {

    /** Channel Number and Length. */
    public static final int HEADER_BYTES = 4;

    private ChannelDataCodec() {
    }

    /**
     * Decodes the readable bytes of {@code frame} without moving its indexes or releasing it;
     * channel numbers of RFC 8656 only.
     */
    public static DecodeResult<ChannelData> decode(ByteBuf frame) {
        return decode(frame, ChannelRange.RFC_8656);
    }

    /** As {@link #decode(ByteBuf)}, taking the channel numbers of {@code range}. */
    public static DecodeResult<ChannelData> decode(ByteBuf frame, ChannelRange range) {
        int at = frame.readerIndex();
        int readable = frame.readableBytes();
        if (readable == 0) {
            return Malformed.of(MalformedReason.EMPTY);
        }
        if (readable < HEADER_BYTES) {
            return Malformed.of(MalformedReason.CHANNEL_DATA_TRUNCATED);
        }
        int channel = frame.getUnsignedShort(at);
        if (!range.contains(channel)) {
            return Malformed.of(MalformedReason.CHANNEL_NUMBER_OUT_OF_RANGE);
        }
        int length = frame.getUnsignedShort(at + 2);
        // §12.5: a datagram too short for the Length is discarded
        if (HEADER_BYTES + length > readable) {
            return Malformed.of(MalformedReason.CHANNEL_DATA_TRUNCATED);
        }
        if (readable > HEADER_BYTES + length + padding(length)) {
            return Malformed.of(MalformedReason.LENGTH_MISMATCH);
        }
        return new Decoded<>(new ChannelData(channel, frame.slice(at + HEADER_BYTES, length)));
    }

    /**
     * Writes a ChannelData message for {@code channelNumber} (0x4000..0x7FFF: a server answers in
     * the range its client chose) carrying the readable bytes of
     * {@code data} (indexes unmoved, not released); {@code padded} adds the zero padding to a
     * multiple of 4 that TCP and TLS require (§12.5).
     *
     * @return bytes written
     */
    public static int encode(int channelNumber, ByteBuf data, boolean padded, ByteBuf out) {
        int length = data.readableBytes();
        encodeHeader(channelNumber, length, out);
        out.writeBytes(data, data.readerIndex(), length);
        int pad = padded ? padding(length) : 0;
        out.writeZero(pad);
        return HEADER_BYTES + length + pad;
    }

    /**
     * Writes only the 4-byte header, for a caller that sends header and payload as a composite
     * buffer without copying the payload.
     */
    public static void encodeHeader(int channelNumber, int dataLength, ByteBuf out) {
        if (!ChannelRange.RFC_5766.contains(channelNumber)) {
            throw new IllegalArgumentException(String.format("channel numbers are 0x4000..0x7FFF: 0x%04X", channelNumber));
        }
        if (dataLength < 0 || dataLength > 0xFFFF) {
            throw new IllegalArgumentException("ChannelData carries 0..65535 bytes: " + dataLength);
        }
        out.writeShort(channelNumber).writeShort(dataLength);
    }

    /** The padding to a multiple of 4 that follows {@code dataLength} bytes of data on a stream. */
    public static int padding(int dataLength) {
        return -dataLength & 3;
    }
}
