package io.landline.protocol.stun.attribute;

import java.net.InetSocketAddress;
import java.util.Objects;

/** RESPONSE-ORIGIN (RFC 5780 §7.3): the address a Binding response was sent from. */
public record ResponseOrigin(InetSocketAddress address) implements AddressAttribute {

    public ResponseOrigin {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("an address attribute carries an IP address, not a name: " + address);
        }
    }

    @Override
    public int type() {
        return AttributeType.RESPONSE_ORIGIN;
    }
}
