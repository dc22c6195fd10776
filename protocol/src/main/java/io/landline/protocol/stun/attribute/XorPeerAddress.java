package io.landline.protocol.stun.attribute;

import java.net.InetSocketAddress;
import java.util.Objects;

/** XOR-PEER-ADDRESS (RFC 8656 §18.3): a peer's address; may repeat in CreatePermission. */
public record XorPeerAddress(InetSocketAddress address) implements AddressAttribute {

    public XorPeerAddress {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("an address attribute carries an IP address, not a name: " + address);
        }
    }

    @Override
    public int type() {
        return AttributeType.XOR_PEER_ADDRESS;
    }

    @Override
    public boolean xored() {
        return true;
    }
}
