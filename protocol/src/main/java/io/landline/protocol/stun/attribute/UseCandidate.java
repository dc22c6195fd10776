package io.landline.protocol.stun.attribute;

/** USE-CANDIDATE (RFC 8445 §7.1.2, §16.1): the controlling agent nominates this pair. No value. */
public record UseCandidate() implements StunAttribute {

    public static final UseCandidate INSTANCE = new UseCandidate();

    @Override
    public int type() {
        return AttributeType.USE_CANDIDATE;
    }
}
