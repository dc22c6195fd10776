package io.landline.protocol.stun.attribute;

/**
 * CHANGE-REQUEST (RFC 5780 §7.2): ask the server to answer a Binding request from its other
 * IP address and/or port, for NAT behaviour discovery.
 */
public record ChangeRequest(boolean changeIp, boolean changePort) implements StunAttribute {

    @Override
    public int type() {
        return AttributeType.CHANGE_REQUEST;
    }
}
