package io.landline.relay.turn.server;

import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunTrailer;
import io.landline.protocol.stun.StunWriter;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.Nonce;
import io.landline.protocol.stun.attribute.PasswordAlgorithms;
import io.landline.protocol.stun.attribute.Realm;
import io.landline.protocol.stun.attribute.Software;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.landline.protocol.stun.attribute.UnknownAttributes;
import io.landline.relay.turn.auth.AuthOutcome.Authenticated;
import io.landline.relay.turn.auth.LongTermAuth;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Every answer to a request goes out here, and is counted here by method and outcome. An
 * answer to an authenticated request carries the integrity attribute the request used, under
 * the same key (RFC 8489 §9.2.4); FINGERPRINT goes back when the request had one (§7.3).
 * Unauthenticated answers carry only what the RFC requires, so that a spoofed request cannot
 * draw a much larger answer at its victim: a 401 is ERROR-CODE, REALM, NONCE and
 * PASSWORD-ALGORITHMS, about 130 bytes; SOFTWARE goes only into authenticated answers.
 */
final class Replies {

    static final Software SOFTWARE = new Software("Landline");

    private final LongTermAuth auth;
    private final TurnMetrics metrics;

    Replies(LongTermAuth auth, TurnMetrics metrics) {
        this.auth = auth;
        this.metrics = metrics;
    }

    /** A success response; {@code authenticated} null for Binding. */
    void success(Request request, Authenticated authenticated, List<? extends StunAttribute> attributes) {
        List<StunAttribute> all = new ArrayList<>(attributes);
        if (authenticated != null) {
            all.add(SOFTWARE);
        }
        send(request, StunClass.SUCCESS_RESPONSE, all, trailer(request, authenticated));
        metrics.request(request.message().method(), 0);
    }

    /** An error response; with {@code authenticated}, integrity-protected as the request was. */
    void error(Request request, int code, Authenticated authenticated) {
        send(request, StunClass.ERROR_RESPONSE, List.of(ErrorCode.of(code)), trailer(request, authenticated));
        metrics.request(request.message().method(), code);
    }

    /** 420 Unknown Attribute listing the comprehension-required types not understood (RFC 8489 §6.3.1.1). */
    void unknownAttributes(Request request, List<Integer> types) {
        send(request, StunClass.ERROR_RESPONSE, List.of(ErrorCode.of(ErrorCode.UNKNOWN_ATTRIBUTE), new UnknownAttributes(types)),
                trailer(request, null));
        metrics.request(request.message().method(), ErrorCode.UNKNOWN_ATTRIBUTE);
    }

    /** 401 or 438 with the realm, a fresh nonce bound to the client's address, and the offered algorithms (§9.2.4). */
    void challenge(Request request, int code) {
        List<StunAttribute> attributes = List.of(ErrorCode.of(code), new Realm(auth.realm()),
                new Nonce(auth.nonceFor(request.sourceIp())), new PasswordAlgorithms(LongTermAuth.OFFERED_ALGORITHMS));
        send(request, StunClass.ERROR_RESPONSE, attributes, trailer(request, null));
        metrics.request(request.message().method(), code);
    }

    private static StunTrailer trailer(Request request, Authenticated authenticated) {
        StunTrailer trailer = StunTrailer.NONE;
        if (authenticated != null) {
            trailer = authenticated.sha256() ? StunTrailer.messageIntegritySha256(authenticated.key())
                    : StunTrailer.messageIntegrity(authenticated.key());
        }
        return request.hadFingerprint() ? trailer.withFingerprint() : trailer;
    }

    private static void send(Request request, StunClass messageClass, List<StunAttribute> attributes, StunTrailer trailer) {
        StunMessage message = StunMessage.of(messageClass, request.message().method(), request.message().transactionId(), attributes);
        ByteBuf out = request.via().alloc().ioBuffer(256);
        try {
            StunWriter.encode(message, trailer, out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        request.via().send(out, request.source());
    }
}
