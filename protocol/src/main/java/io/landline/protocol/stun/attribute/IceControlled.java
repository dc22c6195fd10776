package io.landline.protocol.stun.attribute;

/**
 * ICE-CONTROLLED (RFC 8445 §7.1.3, §16.1): the sender is the controlled agent.
 *
 * @param tieBreaker the 64-bit tie-breaker for role conflicts (§7.3.1.1)
 */
public record IceControlled(long tieBreaker) implements StunAttribute {

    @Override
    public int type() {
        return AttributeType.ICE_CONTROLLED;
    }
}
