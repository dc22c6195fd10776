package io.landline.protocol.stun.attribute;

/**
 * REQUESTED-ADDRESS-FAMILY (RFC 8656 §18.6): the family of the relayed address asked for; an unknown family is answered with 440.
 *
 * @param family {@link AddressFamily#IPV4} or {@link AddressFamily#IPV6}, or another 8-bit value as sent
 */
public record RequestedAddressFamily(int family) implements StunAttribute {

    public RequestedAddressFamily {
        if (family < 0 || family > 0xFF) {
            throw new IllegalArgumentException("a family has 8 bits: " + family);
        }
    }

    @Override
    public int type() {
        return AttributeType.REQUESTED_ADDRESS_FAMILY;
    }
}
