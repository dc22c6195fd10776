package io.landline.protocol.turn;

import io.landline.protocol.stun.DecodeResult;
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

    /** Decodes the readable bytes of {@code frame} without moving its indexes or releasing it. */
    public static DecodeResult<ChannelData> decode(ByteBuf frame) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Writes a ChannelData message for {@code channelNumber} carrying the readable bytes of
     * {@code data} (indexes unmoved, not released); {@code padded} adds the zero padding to a
     * multiple of 4 that TCP and TLS require (§12.5).
     *
     * @return bytes written
     */
    public static int encode(int channelNumber, ByteBuf data, boolean padded, ByteBuf out) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Writes only the 4-byte header, for a caller that sends header and payload as a composite
     * buffer without copying the payload.
     */
    public static void encodeHeader(int channelNumber, int dataLength, ByteBuf out) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The padding to a multiple of 4 that follows {@code dataLength} bytes of data on a stream. */
    public static int padding(int dataLength) {
        return -dataLength & 3;
    }
}
