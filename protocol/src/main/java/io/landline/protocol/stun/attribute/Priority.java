package io.landline.protocol.stun.attribute;

/** PRIORITY (RFC 8445 §7.1.1, §16.1): the priority of the peer-reflexive candidate, 32 bits unsigned. */
public record Priority(long value) implements StunAttribute {

    public Priority {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("PRIORITY has 32 bits: " + value);
        }
    }

    @Override
    public int type() {
        return AttributeType.PRIORITY;
    }
}
