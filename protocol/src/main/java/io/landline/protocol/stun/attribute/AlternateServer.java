package io.landline.protocol.stun.attribute;

import java.net.InetSocketAddress;
import java.util.Objects;

/** ALTERNATE-SERVER (RFC 8489 §14.15): where a 300 Try Alternate sends the client. */
public record AlternateServer(InetSocketAddress address) implements AddressAttribute {

    public AlternateServer {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("an address attribute carries an IP address, not a name: " + address);
        }
    }

    @Override
    public int type() {
        return AttributeType.ALTERNATE_SERVER;
    }
}
