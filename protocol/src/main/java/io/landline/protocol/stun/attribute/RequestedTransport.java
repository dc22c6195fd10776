package io.landline.protocol.stun.attribute;

/**
 * REQUESTED-TRANSPORT (RFC 8656 §18.8): the IP protocol number of the relayed transport.
 * Anything but {@link #UDP} (and TCP under RFC 6062) is answered with 442.
 */
public record RequestedTransport(int protocol) implements StunAttribute {

    public static final int UDP = 17;
    public static final int TCP = 6;

    public RequestedTransport {
        if (protocol < 0 || protocol > 0xFF) {
            throw new IllegalArgumentException("a protocol number has 8 bits: " + protocol);
        }
    }

    @Override
    public int type() {
        return AttributeType.REQUESTED_TRANSPORT;
    }
}
