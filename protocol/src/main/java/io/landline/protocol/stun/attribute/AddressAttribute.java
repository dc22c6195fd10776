package io.landline.protocol.stun.attribute;

import java.net.InetSocketAddress;

/**
 * An attribute whose value is a transport address (RFC 8489 §14.1, §14.2). The XOR variants
 * travel obfuscated with the magic cookie and transaction ID; the records hold the plain
 * address either way. An IPv4-mapped IPv6 address stays an {@link java.net.Inet6Address}.
 */
public sealed interface AddressAttribute extends StunAttribute
        permits MappedAddress, XorMappedAddress, XorPeerAddress, XorRelayedAddress,
        AlternateServer, ResponseOrigin, OtherAddress {

    InetSocketAddress address();

    /** Whether the address travels XOR-ed (§14.2). */
    default boolean xored() {
        return false;
    }
}
