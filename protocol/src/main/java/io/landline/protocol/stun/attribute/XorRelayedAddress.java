package io.landline.protocol.stun.attribute;

import java.net.InetSocketAddress;
import java.util.Objects;

/** XOR-RELAYED-ADDRESS (RFC 8656 §18.5): the relayed transport address; repeats for a dual-stack allocation. */
public record XorRelayedAddress(InetSocketAddress address) implements AddressAttribute {

    public XorRelayedAddress {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("an address attribute carries an IP address, not a name: " + address);
        }
    }

    @Override
    public int type() {
        return AttributeType.XOR_RELAYED_ADDRESS;
    }

    @Override
    public boolean xored() {
        return true;
    }
}
