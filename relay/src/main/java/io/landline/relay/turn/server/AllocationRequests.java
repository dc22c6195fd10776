package io.landline.relay.turn.server;

import io.landline.protocol.stun.attribute.AddressFamily;
import io.landline.protocol.stun.attribute.ChannelNumber;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.Lifetime;
import io.landline.protocol.stun.attribute.RequestedAddressFamily;
import io.landline.protocol.stun.attribute.XorPeerAddress;
import io.landline.relay.turn.allocation.Allocation;
import io.landline.relay.turn.allocation.Allocation.ChannelBindOutcome;
import io.landline.relay.turn.allocation.Lifetimes;
import io.landline.relay.turn.auth.AuthOutcome.Authenticated;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The requests on an existing allocation: Refresh (RFC 8656 §7.3), CreatePermission (§9.2)
 * and ChannelBind (§12.2). Each starts the same way: the 5-tuple must have an allocation (437)
 * made with the same USERNAME (441, §5).
 */
final class AllocationRequests {

    private final TurnService service;
    private final Replies replies;

    AllocationRequests(TurnService service, Replies replies) {
        this.service = service;
        this.replies = replies;
    }

    /** The allocation the request may act on, or null when 437 or 441 was answered. */
    private Allocation<RelayEndpoint> allocationOf(Request request, Authenticated auth) {
        Allocation<RelayEndpoint> allocation = service.allocations().get(request.fiveTuple());
        if (allocation == null || allocation.isExpired(service.clock().millis())) {
            replies.error(request, ErrorCode.ALLOCATION_MISMATCH, auth);
            return null;
        }
        if (!allocation.username().equals(auth.credential().username())) {
            service.metrics().authFailure("wrong_credentials");
            replies.error(request, ErrorCode.WRONG_CREDENTIALS, auth);
            return null;
        }
        return allocation;
    }

    /**
     * RFC 8656 §7.3: a REQUESTED-ADDRESS-FAMILY the allocation has no address of gets 443; a
     * desired lifetime of zero deletes the allocation, anything else restarts its timer.
     */
    void refresh(Request request, Authenticated auth) {
        Allocation<RelayEndpoint> allocation = allocationOf(request, auth);
        if (allocation == null) {
            return;
        }
        Optional<RequestedAddressFamily> family = request.message().first(RequestedAddressFamily.class);
        if (family.isPresent() && !hasFamily(allocation, family.get().family())) {
            replies.error(request, ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, auth);
            return;
        }
        long requested = request.message().first(Lifetime.class).map(Lifetime::seconds).orElse(-1L);
        int desired = Lifetimes.desired(requested, true);
        if (desired == 0) {
            service.delete(allocation, "refreshed with lifetime 0");
        } else {
            allocation.refresh(desired, service.clock().millis());
        }
        replies.success(request, auth, List.of(Lifetime.ofSeconds(desired)));
    }

    /**
     * RFC 8656 §9.2: every XOR-PEER-ADDRESS must be acceptable before any permission is
     * installed — at least one (400), of the allocation's family (443), allowed by policy (403).
     */
    void createPermission(Request request, Authenticated auth) {
        Allocation<RelayEndpoint> allocation = allocationOf(request, auth);
        if (allocation == null) {
            return;
        }
        List<XorPeerAddress> peers = request.message().all(XorPeerAddress.class);
        if (peers.isEmpty()) {
            replies.error(request, ErrorCode.BAD_REQUEST, auth);
            return;
        }
        for (XorPeerAddress peer : peers) {
            int refusal = refusal(allocation, peer.address());
            if (refusal != 0) {
                replies.error(request, refusal, auth);
                return;
            }
        }
        long now = service.clock().millis();
        for (XorPeerAddress peer : peers) {
            allocation.permit(peer.address().getAddress(), now);
        }
        replies.success(request, auth, List.of());
    }

    /**
     * RFC 8656 §12.2: CHANNEL-NUMBER in 0x4000-0x4FFF (or RFC 5766's up to 0x7FFF, see
     * {@link LegacyChannelNumbers}) and one XOR-PEER-ADDRESS (400); the
     * peer's family and policy as for permissions; a number bound to another peer, or a peer
     * bound to another number, is refused (400); success binds or refreshes, with its permission.
     */
    void channelBind(Request request, Authenticated auth) {
        Allocation<RelayEndpoint> allocation = allocationOf(request, auth);
        if (allocation == null) {
            return;
        }
        Optional<ChannelNumber> number = request.message().first(ChannelNumber.class);
        Optional<XorPeerAddress> peer = request.message().first(XorPeerAddress.class);
        if (number.isEmpty() || peer.isEmpty() || !LegacyChannelNumbers.isBindable(number.get().value())) {
            replies.error(request, ErrorCode.BAD_REQUEST, auth);
            return;
        }
        int refusal = refusal(allocation, peer.get().address());
        if (refusal != 0) {
            replies.error(request, refusal, auth);
            return;
        }
        ChannelBindOutcome outcome = allocation.bindChannel(number.get().value(), peer.get().address(), service.clock().millis());
        if (outcome != ChannelBindOutcome.BOUND) {
            replies.error(request, ErrorCode.BAD_REQUEST, auth);
            return;
        }
        replies.success(request, auth, List.of());
    }

    /** 403 for a peer the policy denies, 443 for one of a family the allocation does not relay, else 0. */
    private int refusal(Allocation<RelayEndpoint> allocation, InetSocketAddress peer) {
        // Policy first: a denied peer is refused as such whatever its family, so that the
        // answer to ::ffff:127.0.0.1 is "forbidden", not a hint to retry it over IPv6.
        if (!service.peers().permits(peer.getAddress())) {
            return ErrorCode.FORBIDDEN;
        }
        if (!allocation.relaysFamilyOf(peer.getAddress())) {
            return ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH;
        }
        return 0;
    }

    private static boolean hasFamily(Allocation<RelayEndpoint> allocation, int family) {
        for (InetSocketAddress relayed : allocation.relayedAddresses()) {
            if ((relayed.getAddress().getAddress().length == 4) == (family == AddressFamily.IPV4)) {
                return true;
            }
        }
        return false;
    }
}
