package io.landline.protocol.stun.attribute;

/**
 * ADDITIONAL-ADDRESS-FAMILY (RFC 8656 §18.11): ask for a second, IPv6, relayed address (dual allocation).
 *
 * @param family {@link AddressFamily#IPV4} or {@link AddressFamily#IPV6}, or another 8-bit value as sent
 */
public record AdditionalAddressFamily(int family) implements StunAttribute {

    public AdditionalAddressFamily {
        if (family < 0 || family > 0xFF) {
            throw new IllegalArgumentException("a family has 8 bits: " + family);
        }
    }

    @Override
    public int type() {
        return AttributeType.ADDITIONAL_ADDRESS_FAMILY;
    }
}
