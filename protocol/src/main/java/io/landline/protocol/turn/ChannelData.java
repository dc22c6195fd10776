package io.landline.protocol.turn;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A ChannelData message (RFC 8656 §12.4): application data on a bound channel with a 4-byte
 * header instead of a Send or Data indication's 36 or more.
 *
 * <pre>
 *  0                   1                   2                   3
 * |         Channel Number        |            Length             |
 * /                       Application Data                        /
 * </pre>
 *
 * <p>A decoded frame's {@code data} is a slice of the decoded buffer, no copy: it shares that
 * buffer's memory and reference count, so it is readable only while that buffer is; to keep it
 * longer (or hand it to a write that releases), take {@code data.retainedDuplicate()}.
 *
 * @param channelNumber 0x4000..0x4FFF, or up to 0x7FFF when decoded under {@link ChannelRange#RFC_5766}
 * @param data          the application data, without padding
 */
public record ChannelData(int channelNumber, ByteBuf data) {

    public ChannelData {
        if (!ChannelRange.RFC_5766.contains(channelNumber)) {
            throw new IllegalArgumentException(String.format("channel numbers are 0x4000..0x7FFF: 0x%04X", channelNumber));
        }
        Objects.requireNonNull(data, "data");
    }

    /** Never the payload. */
    @Override
    public String toString() {
        return String.format("ChannelData[0x%04X, %d bytes]", channelNumber, data.readableBytes());
    }
}
