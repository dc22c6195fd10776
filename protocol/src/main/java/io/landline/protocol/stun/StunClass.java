package io.landline.protocol.stun;

/** The class of a STUN message: the C1 and C0 bits of its type (RFC 8489 §5). */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private static final StunClass[] BY_BITS = values();

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** C1C0 as a two-bit number. */
    public int bits() {
        return bits;
    }

    /** The class of the two bits C1C0. */
    public static StunClass ofBits(int c1c0) {
        return BY_BITS[c1c0 & 0b11];
    }

    public boolean isResponse() {
        return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
    }
}
