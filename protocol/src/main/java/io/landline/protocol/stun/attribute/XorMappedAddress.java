package io.landline.protocol.stun.attribute;

import java.net.InetSocketAddress;
import java.util.Objects;

/** XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the client's reflexive transport address. */
public record XorMappedAddress(InetSocketAddress address) implements AddressAttribute {

    public XorMappedAddress {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("an address attribute carries an IP address, not a name: " + address);
        }
    }

    @Override
    public int type() {
        return AttributeType.XOR_MAPPED_ADDRESS;
    }

    @Override
    public boolean xored() {
        return true;
    }
}
