package io.landline.protocol.stun.attribute;

/** The address family numbers of address attributes and TURN's family attributes (RFC 8489 §14.1, RFC 8656 §18.6). */
public final class AddressFamily {

    public static final int IPV4 = 0x01;
    public static final int IPV6 = 0x02;

    private AddressFamily() {
    }

    public static boolean isKnown(int family) {
        return family == IPV4 || family == IPV6;
    }
}
