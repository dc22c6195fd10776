package io.landline.relay.turn.server;

import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.XorMappedAddress;
import io.landline.relay.turn.auth.AuthOutcome;
import io.landline.relay.turn.auth.AuthOutcome.Authenticated;
import io.landline.relay.turn.auth.AuthOutcome.Refused;
import java.util.List;

/**
 * Requests, from the rate limit to the method's handler: the per-source limit (a drop, never an
 * answer), 420 for comprehension-required attributes we do not know (RFC 8489 §6.3.1.1),
 * Binding without credentials, and the TURN methods behind the long-term credential check.
 */
final class StunRequests {

    private final TurnService service;
    private final Replies replies;
    private final AllocateHandler allocate;
    private final AllocationRequests onAllocation;

    StunRequests(TurnService service, PacketPath path) {
        this.service = service;
        this.replies = new Replies(service.auth(), service.metrics());
        this.allocate = new AllocateHandler(service, replies, path);
        this.onAllocation = new AllocationRequests(service, replies);
    }

    void handle(Request request) {
        if (!service.rateLimiter().allow(request.source().getAddress(), service.clock().millis())) {
            service.metrics().drop(TurnMetrics.RATE_LIMITED);
            return;
        }
        if (!request.message().unknownComprehensionRequired().isEmpty()) {
            replies.unknownAttributes(request, request.message().unknownComprehensionRequired());
            return;
        }
        StunMethod method = request.message().method();
        if (method.equals(StunMethod.BINDING)) {
            binding(request);
        } else if (method.equals(StunMethod.ALLOCATE) || method.equals(StunMethod.REFRESH)
                || method.equals(StunMethod.CREATE_PERMISSION) || method.equals(StunMethod.CHANNEL_BIND)) {
            turn(request);
        } else {
            // RFC 8489 §6.3.1: a request of a method the server does not know gets 400.
            replies.error(request, ErrorCode.BAD_REQUEST, null);
        }
    }

    /** RFC 8489 §6.3.1.1: the reflexive transport address, no credentials needed. */
    private void binding(Request request) {
        replies.success(request, null, List.of(new XorMappedAddress(request.source())));
    }

    /**
     * The TURN methods (RFC 8656 §5): a node without users and secrets refuses them with 403,
     * since a 401 would promise a way in that does not exist; otherwise long-term credentials
     * first (RFC 8489 §9.2.4), then the method.
     */
    private void turn(Request request) {
        if (!service.auth().acceptsAnyone()) {
            replies.error(request, ErrorCode.FORBIDDEN, null);
            return;
        }
        AuthOutcome outcome = service.auth().check(request.message(), request.raw(), request.sourceIp());
        if (outcome instanceof Refused refused) {
            if (!refused.reason().equals("missing_integrity")) {
                service.metrics().authFailure(refused.reason());
            }
            if (refused.challenge()) {
                replies.challenge(request, refused.code());
            } else {
                replies.error(request, refused.code(), null);
            }
            return;
        }
        Authenticated authenticated = (Authenticated) outcome;
        StunMethod method = request.message().method();
        if (method.equals(StunMethod.ALLOCATE)) {
            allocate.handle(request, authenticated);
        } else if (method.equals(StunMethod.REFRESH)) {
            onAllocation.refresh(request, authenticated);
        } else if (method.equals(StunMethod.CREATE_PERMISSION)) {
            onAllocation.createPermission(request, authenticated);
        } else {
            onAllocation.channelBind(request, authenticated);
        }
    }
}
