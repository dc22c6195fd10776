package io.landline.relay;

import io.landline.relay.turn.policy.Cidr;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The STUN/TURN service beyond its ports: realm, credentials, relaying policy and limits.
 *
 * @param realm              REALM of long-term credentials (RFC 8489 §14.9)
 * @param host               address the UDP, TCP and TLS listeners bind
 * @param users              static users, {@code name:password}
 * @param restSecrets        TURN REST API shared secrets, newest first
 * @param allowedPeers       prefixes exempt from the special-purpose deny list
 * @param relayAddress       IPv4 address relayed sockets bind; empty: {@code host} when it is
 *                           one address, else this host's first non-loopback IPv4 address
 * @param relayAddressV6     IPv6 address relayed sockets bind; empty: no IPv6 relaying (440)
 * @param externalAddress    address put in XOR-RELAYED-ADDRESS instead of the bound one, for a
 *                           server behind 1:1 NAT (coturn's external-ip)
 * @param nonceLifetime      how long a NONCE stays valid before 438 Stale Nonce
 * @param maxAllocations     allocations per node before 508 Insufficient Capacity
 * @param userQuota          allocations per user before 486 Allocation Quota Reached
 * @param requestsPerSecond  STUN requests per second from one IP address before drops; 0 none
 * @param bandwidthKbps      relayed kilobits per second per allocation before drops; 0 none
 * @param receiveCoalescing  pause between reads of a UDP relay loop while datagrams arrive
 *                           densely (ReceiveCoalescing); zero: every datagram wakes the loop
 */
public record TurnSettings(String realm, String host, List<String> users, List<String> restSecrets, List<Cidr> allowedPeers,
                           Optional<InetAddress> relayAddress, Optional<InetAddress> relayAddressV6,
                           Optional<InetAddress> externalAddress, Duration nonceLifetime, int maxAllocations,
                           int userQuota, int requestsPerSecond, int bandwidthKbps, Duration receiveCoalescing) {

    public TurnSettings {
        users = List.copyOf(users);
        restSecrets = List.copyOf(restSecrets);
        allowedPeers = List.copyOf(allowedPeers);
    }

    /** Never the passwords or secrets. */
    @Override
    public String toString() {
        return "TurnSettings[realm=" + realm + ", host=" + host + ", users=" + users.size() + ", restSecrets=" + restSecrets.size()
                + ", allowedPeers=" + allowedPeers + ", relayAddress=" + relayAddress + ", relayAddressV6=" + relayAddressV6
                + ", externalAddress=" + externalAddress + ", nonceLifetime=" + nonceLifetime + ", maxAllocations=" + maxAllocations
                + ", userQuota=" + userQuota + ", requestsPerSecond=" + requestsPerSecond + ", bandwidthKbps=" + bandwidthKbps + ", receiveCoalescing=" + receiveCoalescing + "]";
    }
}
