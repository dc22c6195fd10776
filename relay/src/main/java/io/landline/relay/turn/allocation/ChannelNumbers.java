package io.landline.relay.turn.allocation;

/** Channel numbers (RFC 8656 §12): 0x4000 through 0x4FFF; the rest of 0x4000-0x7FFF is reserved. */
public final class ChannelNumbers {

    public static final int MIN = 0x4000;
    public static final int MAX = 0x4FFF;

    private ChannelNumbers() {
    }

    public static boolean isValid(int number) {
        return number >= MIN && number <= MAX;
    }
}
