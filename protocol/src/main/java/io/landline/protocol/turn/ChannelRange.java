package io.landline.protocol.turn;

/**
 * Which channel numbers a ChannelData decoder and stream framer take. RFC 8656 §12 narrowed
 * the range to 0x4000..0x4FFF so that the first byte of ChannelData (64..79) never collides
 * with DTLS or SRTP on a multiplexed port (RFC 7983); RFC 5766 §11 allowed up to 0x7FFF, and
 * RFC 5766 clients (coturn's among them) still pick numbers there. A TURN server's client
 * port carries no DTLS or SRTP, so it may take the older range.
 */
public enum ChannelRange {
    /** 0x4000..0x4FFF, the current rule. */
    RFC_8656(0x4FFF),
    /** 0x4000..0x7FFF, for clients of RFC 5766. */
    RFC_5766(0x7FFF);

    public static final int MIN = 0x4000;

    private final int max;

    ChannelRange(int max) {
        this.max = max;
    }

    public int max() {
        return max;
    }

    public boolean contains(int channelNumber) {
        return channelNumber >= MIN && channelNumber <= max;
    }

    /** Whether a packet starting with {@code firstByte} is ChannelData of this range (any int; its low 8 bits). */
    public boolean coversFirstByte(int firstByte) {
        int b = firstByte & 0xFF;
        return b >= MIN >> 8 && b <= max >> 8;
    }
}
