package io.landline.protocol.stun.attribute;

import java.net.InetSocketAddress;
import java.util.Objects;

/** OTHER-ADDRESS (RFC 5780 §7.4): the server's alternate address for NAT behaviour discovery. */
public record OtherAddress(InetSocketAddress address) implements AddressAttribute {

    public OtherAddress {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("an address attribute carries an IP address, not a name: " + address);
        }
    }

    @Override
    public int type() {
        return AttributeType.OTHER_ADDRESS;
    }
}
