package io.landline.protocol.stun.attribute;

/**
 * ICE-CONTROLLING (RFC 8445 §7.1.3, §16.1): the sender is the controlling agent.
 *
 * @param tieBreaker the 64-bit tie-breaker for role conflicts (§7.3.1.1)
 */
public record IceControlling(long tieBreaker) implements StunAttribute {

    @Override
    public int type() {
        return AttributeType.ICE_CONTROLLING;
    }
}
