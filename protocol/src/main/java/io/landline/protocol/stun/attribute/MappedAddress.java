package io.landline.protocol.stun.attribute;

import java.net.InetSocketAddress;
import java.util.Objects;

/** MAPPED-ADDRESS (RFC 8489 §14.1): the reflexive address, as RFC 3489 servers send it. */
public record MappedAddress(InetSocketAddress address) implements AddressAttribute {

    public MappedAddress {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("an address attribute carries an IP address, not a name: " + address);
        }
    }

    @Override
    public int type() {
        return AttributeType.MAPPED_ADDRESS;
    }
}
