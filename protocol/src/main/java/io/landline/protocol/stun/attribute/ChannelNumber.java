package io.landline.protocol.stun.attribute;

/**
 * CHANNEL-NUMBER (RFC 8656 §18.1), and the rule for channel numbers (§12): 0x4000 through
 * 0x4FFF. The decoder takes any 16-bit number, so that a server can answer a ChannelBind for
 * an invalid one with 400 (§12.2) or accept RFC 5766's older range up to 0x7FFF.
 */
public record ChannelNumber(int value) implements StunAttribute {

    public static final int MIN = 0x4000;
    public static final int MAX = 0x4FFF;

    public ChannelNumber {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("a channel number has 16 bits: " + value);
        }
    }

    /** Whether {@code number} may name a channel (RFC 8656 §12). */
    public static boolean isValid(int number) {
        return number >= MIN && number <= MAX;
    }

    public boolean isValid() {
        return isValid(value);
    }

    @Override
    public int type() {
        return AttributeType.CHANNEL_NUMBER;
    }

    @Override
    public String toString() {
        return String.format("ChannelNumber[0x%04X]", value);
    }
}
