package io.landline.relay.turn.server;

import io.landline.protocol.stun.attribute.AdditionalAddressFamily;
import io.landline.protocol.stun.attribute.AddressErrorCode;
import io.landline.protocol.stun.attribute.AddressFamily;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.EvenPort;
import io.landline.protocol.stun.attribute.Lifetime;
import io.landline.protocol.stun.attribute.RequestedAddressFamily;
import io.landline.protocol.stun.attribute.RequestedTransport;
import io.landline.protocol.stun.attribute.ReservationToken;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.landline.protocol.stun.attribute.XorMappedAddress;
import io.landline.protocol.stun.attribute.XorRelayedAddress;
import io.landline.relay.turn.allocation.Admission;
import io.landline.relay.turn.allocation.Allocation;
import io.landline.relay.turn.allocation.FiveTuple;
import io.landline.relay.turn.allocation.Lifetimes;
import io.landline.relay.turn.allocation.Reservations.Reserved;
import io.landline.relay.turn.auth.AuthOutcome.Authenticated;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Allocate (RFC 8656 §7.2), after the long-term credential check (step 1). The steps below
 * carry the RFC's numbers; binding the relayed sockets is asynchronous, on the client's event
 * loop, and the answer goes out when they are bound.
 */
final class AllocateHandler {

    private final TurnService service;
    private final Replies replies;
    private final PacketPath path;
    private final SecureRandom random = new SecureRandom();

    AllocateHandler(TurnService service, Replies replies, PacketPath path) {
        this.service = service;
        this.replies = replies;
        this.path = path;
    }

    /** What the request asks for, once steps 2 to 7 found it acceptable. */
    private record Ask(boolean ipv6, boolean additionalIpv6, Optional<EvenPort> evenPort, Optional<ReservationToken> token,
                       int lifetimeSeconds) {
    }

    void handle(Request request, Authenticated auth) {
        // 2. The 5-tuple already has an allocation: a retransmitted Allocate gets its success
        //    again (RFC 8489 §6.3.1 keeps Allocate idempotent), any other Allocate 437.
        FiveTuple fiveTuple = request.fiveTuple();
        Allocation<RelayEndpoint> existing = service.allocations().get(fiveTuple);
        if (existing != null) {
            if (existing.isAllocateTransaction(request.message().transactionId().toBytes())
                    && existing.username().equals(auth.credential().username())) {
                succeed(request, auth, existing, Optional.empty(), Optional.empty());
            } else {
                replies.error(request, ErrorCode.ALLOCATION_MISMATCH, auth);
            }
            return;
        }
        Ask ask = ask(request, auth);
        if (ask == null) {
            return;
        }
        // 8, 9. Quotas before any port is bound: per user 486, per node 508.
        String user = auth.credential().quotaName();
        Admission admission = service.allocations().admit(user);
        if (admission != Admission.ADMITTED) {
            long now = service.clock().millis();
            if (admission == Admission.USER_QUOTA_REACHED) {
                service.log().quotaReached(user, service.allocations().userCount(user), now);
                replies.error(request, ErrorCode.ALLOCATION_QUOTA_REACHED, auth);
            } else {
                service.log().capacityReached(service.allocations().size(), now);
                replies.error(request, ErrorCode.INSUFFICIENT_CAPACITY, auth);
            }
            return;
        }
        allocate(request, auth, ask);
    }

    /** Steps 3 to 7; null when an error was answered. */
    private Ask ask(Request request, Authenticated auth) {
        var message = request.message();
        // 3. REQUESTED-TRANSPORT is required; only UDP relaying is offered (TCP, RFC 6062, is not).
        Optional<RequestedTransport> transport = message.first(RequestedTransport.class);
        if (transport.isEmpty()) {
            replies.error(request, ErrorCode.BAD_REQUEST, auth);
            return null;
        }
        if (transport.get().protocol() != RequestedTransport.UDP) {
            replies.error(request, ErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL, auth);
            return null;
        }
        // 4. DONT-FRAGMENT is honoured as Linux sends UDP: path MTU discovery sets DF already.
        // 5. RESERVATION-TOKEN excludes EVEN-PORT and REQUESTED-ADDRESS-FAMILY.
        Optional<ReservationToken> token = message.first(ReservationToken.class);
        Optional<EvenPort> evenPort = message.first(EvenPort.class);
        Optional<RequestedAddressFamily> requested = message.first(RequestedAddressFamily.class);
        Optional<AdditionalAddressFamily> additional = message.first(AdditionalAddressFamily.class);
        if (token.isPresent() && (evenPort.isPresent() || requested.isPresent())) {
            replies.error(request, ErrorCode.BAD_REQUEST, auth);
            return null;
        }
        // 7. Address families (RFC 8656 §7.2, RFC 6156): REQUESTED-ADDRESS-FAMILY picks one,
        //    ADDITIONAL-ADDRESS-FAMILY (IPv6 only) asks for a second relayed address; not both.
        if (requested.isPresent() && additional.isPresent()
                || additional.isPresent() && additional.get().family() != AddressFamily.IPV6) {
            replies.error(request, ErrorCode.BAD_REQUEST, auth);
            return null;
        }
        int family = requested.map(RequestedAddressFamily::family).orElse(AddressFamily.IPV4);
        if (!AddressFamily.isKnown(family) || family == AddressFamily.IPV6 && service.relayAddressV6().isEmpty()) {
            replies.error(request, ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED, auth);
            return null;
        }
        long requestedLifetime = message.first(Lifetime.class).map(Lifetime::seconds).orElse(-1L);
        return new Ask(family == AddressFamily.IPV6, additional.isPresent(), evenPort, token,
                Lifetimes.desired(requestedLifetime, false));
    }

    /** 6, 7. Binds the relayed socket(s), then makes the allocation and answers. */
    private void allocate(Request request, Authenticated auth, Ask ask) {
        ClientChannel via = request.via();
        PeerHandler peerHandler = new PeerHandler(path);
        RelayEndpoint endpoint = new RelayEndpoint(via, request.source(), service.binder().pool());
        Consumer<Channel> primaryBound = channel -> {
            if (channel == null) {
                fail(request, auth, endpoint);
                return;
            }
            endpoint.add(channel);
            Optional<ReservationToken> reserved = reserveNext(ask, channel);
            if (ask.evenPort().map(EvenPort::reserveNext).orElse(false) && reserved.isEmpty()) {
                fail(request, auth, endpoint);
                return;
            }
            if (!ask.additionalIpv6()) {
                created(request, auth, ask, endpoint, peerHandler, reserved, Optional.empty());
            } else if (service.relayAddressV6().isEmpty()) {
                // RFC 8656 §7.2: the IPv4 allocation stands; the IPv6 part is refused in ADDRESS-ERROR-CODE.
                created(request, auth, ask, endpoint, peerHandler, reserved, Optional.of(new AddressErrorCode(AddressFamily.IPV6,
                        ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED, ErrorCode.reasonPhrase(ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED))));
            } else {
                service.binder().bind(via.eventLoop(), service.relayAddressV6().get(), false, peerHandler, v6 -> {
                    if (v6 == null) {
                        created(request, auth, ask, endpoint, peerHandler, reserved, Optional.of(new AddressErrorCode(
                                AddressFamily.IPV6, ErrorCode.INSUFFICIENT_CAPACITY, ErrorCode.reasonPhrase(ErrorCode.INSUFFICIENT_CAPACITY))));
                    } else {
                        endpoint.add(v6);
                        created(request, auth, ask, endpoint, peerHandler, reserved, Optional.empty());
                    }
                });
            }
        };
        InetAddress address = ask.ipv6() ? service.relayAddressV6().orElseThrow() : service.relayAddress();
        if (ask.token().isPresent()) {
            // 5. A valid token names a port held by an earlier EVEN-PORT allocation; an unknown or expired one gets 508.
            Reserved<InetAddress> held = service.reservations().claim(ask.token().get().value(), service.clock().millis());
            if (held == null) {
                service.allocations().release(auth.credential().quotaName());
                replies.error(request, ErrorCode.INSUFFICIENT_CAPACITY, auth);
                return;
            }
            service.binder().bindTaken(via.eventLoop(), held.socket(), held.port(), peerHandler, primaryBound);
        } else {
            service.binder().bind(via.eventLoop(), address, ask.evenPort().isPresent(), peerHandler, primaryBound);
        }
    }

    /** EVEN-PORT with R (§7.2 step 6): hold the next port for 30 s under a fresh token. */
    private Optional<ReservationToken> reserveNext(Ask ask, Channel even) {
        if (!ask.evenPort().map(EvenPort::reserveNext).orElse(false)) {
            return Optional.empty();
        }
        InetSocketAddress bound = (InetSocketAddress) even.localAddress();
        if (!service.binder().pool().take(bound.getPort() + 1)) {
            return Optional.empty();
        }
        long token = random.nextLong();
        service.reservations().hold(token, bound.getPort() + 1, bound.getAddress(), service.clock().millis());
        return Optional.of(new ReservationToken(token));
    }

    private void created(Request request, Authenticated auth, Ask ask, RelayEndpoint endpoint, PeerHandler peerHandler,
                         Optional<ReservationToken> token, Optional<AddressErrorCode> additionalRefused) {
        List<InetSocketAddress> relayed = new ArrayList<>(2);
        for (InetAddress family : new InetAddress[] {service.relayAddress(), service.relayAddressV6().orElse(null)}) {
            Channel channel = family == null ? null : endpoint.towards(family);
            if (channel != null) {
                relayed.add((InetSocketAddress) channel.localAddress());
            }
        }
        long now = service.clock().millis();
        Allocation<RelayEndpoint> allocation = new Allocation<>(request.fiveTuple(), auth.credential().username(),
                auth.credential().quotaName(), request.message().transactionId().toBytes(), relayed, endpoint,
                ask.lifetimeSeconds(), service.bytesPerSecond(), now);
        if (!service.allocations().add(allocation)) {
            // Another Allocate on this 5-tuple won the race while ours was binding.
            endpoint.close();
            service.allocations().release(auth.credential().quotaName());
            replies.error(request, ErrorCode.ALLOCATION_MISMATCH, auth);
            return;
        }
        request.via().attach(request.source(), allocation);
        peerHandler.serve(allocation);
        service.log().fine(() -> allocation + " created for '" + auth.credential().quotaName() + "'");
        succeed(request, auth, allocation, token, additionalRefused);
    }

    /** 10. XOR-RELAYED-ADDRESS (each family), LIFETIME, RESERVATION-TOKEN, XOR-MAPPED-ADDRESS. */
    private void succeed(Request request, Authenticated auth, Allocation<RelayEndpoint> allocation,
                         Optional<ReservationToken> token, Optional<AddressErrorCode> additionalRefused) {
        List<StunAttribute> attributes = new ArrayList<>(6);
        for (InetSocketAddress relayed : allocation.relayedAddresses()) {
            attributes.add(new XorRelayedAddress(advertised(relayed)));
        }
        long remaining = Math.max(0, (allocation.expiresAtMs() - service.clock().millis() + 999) / 1000);
        attributes.add(Lifetime.ofSeconds(remaining));
        token.ifPresent(attributes::add);
        additionalRefused.ifPresent(attributes::add);
        attributes.add(new XorMappedAddress(request.source()));
        replies.success(request, auth, attributes);
    }

    /** The relayed address as clients must see it: behind 1:1 NAT, the external IPv4 address with the bound port. */
    private InetSocketAddress advertised(InetSocketAddress bound) {
        if (bound.getAddress().getAddress().length == 4 && service.externalAddress().isPresent()) {
            return new InetSocketAddress(service.externalAddress().get(), bound.getPort());
        }
        return bound;
    }

    /** No relayed port could be bound or reserved: 508 (RFC 8656 §7.2), quota slots given back. */
    private void fail(Request request, Authenticated auth, RelayEndpoint endpoint) {
        endpoint.close();
        service.allocations().release(auth.credential().quotaName());
        service.log().capacityReached(service.allocations().size(), service.clock().millis());
        replies.error(request, ErrorCode.INSUFFICIENT_CAPACITY, auth);
    }
}
