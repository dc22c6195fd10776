package io.landline.protocol.stun.attribute;

import java.util.List;

/** UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the comprehension-required types that caused a 420. */
public record UnknownAttributes(List<Integer> types) implements StunAttribute {

    public UnknownAttributes {
        types = List.copyOf(types);
        for (int t : types) {
            if (t < 0 || t > 0xFFFF) {
                throw new IllegalArgumentException("an attribute type has 16 bits: " + t);
            }
        }
    }

    @Override
    public int type() {
        return AttributeType.UNKNOWN_ATTRIBUTES;
    }
}
