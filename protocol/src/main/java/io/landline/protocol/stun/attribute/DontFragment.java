package io.landline.protocol.stun.attribute;

/** DONT-FRAGMENT (RFC 8656 §18.9): set the DF bit on datagrams sent to the peer. No value. */
public record DontFragment() implements StunAttribute {

    public static final DontFragment INSTANCE = new DontFragment();

    @Override
    public int type() {
        return AttributeType.DONT_FRAGMENT;
    }
}
