package io.landline.relay.turn.policy;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether an allocation may relay to a peer address (RFC 8656 §21.2.2 and §22.2: a TURN
 * server must not be a way into the networks behind it). Special-purpose ranges (RFC 6890)
 * are denied unless an allow-list entry covers the address; every other address is allowed.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64) are judged as that IPv4
 * address as well, so {@code ::ffff:127.0.0.1} is loopback.
 */
public final class PeerPolicy {

    /** The ranges a relay never reaches unless the operator says so. */
    public static final List<Cidr> DENIED = Stream.of(
            "0.0.0.0/8", "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
            "100.64.0.0/10", "192.0.0.0/24", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8").map(Cidr::parse).toList();

    private final List<Cidr> allowed;

    /** @param allowed prefixes exempt from {@link #DENIED}, e.g. {@code 127.0.0.0/8} for tests */
    public PeerPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    public static PeerPolicy denyingSpecialRanges() {
        return new PeerPolicy(List.of());
    }

    public boolean permits(InetAddress peer) {
        return permits(peer.getAddress());
    }

    /** @param peer 4 or 16 address bytes */
    public boolean permits(byte[] peer) {
        byte[] v4 = Addresses.embeddedIpv4(peer);
        if (matches(allowed, peer) || (v4 != null && matches(allowed, v4))) {
            return true;
        }
        return !matches(DENIED, peer) && (v4 == null || !matches(DENIED, v4));
    }

    public List<Cidr> allowed() {
        return allowed;
    }

    private static boolean matches(List<Cidr> prefixes, byte[] address) {
        for (Cidr prefix : prefixes) {
            if (prefix.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
