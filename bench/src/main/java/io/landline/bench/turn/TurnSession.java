package io.landline.bench.turn;

import io.landline.protocol.stun.StunClass;
import io.landline.protocol.stun.StunKeys;
import io.landline.protocol.stun.StunMessage;
import io.landline.protocol.stun.StunMethod;
import io.landline.protocol.stun.StunTrailer;
import io.landline.protocol.stun.attribute.ChannelNumber;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.Lifetime;
import io.landline.protocol.stun.attribute.Nonce;
import io.landline.protocol.stun.attribute.Realm;
import io.landline.protocol.stun.attribute.RequestedTransport;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.landline.protocol.stun.attribute.Username;
import io.landline.protocol.stun.attribute.XorPeerAddress;
import io.landline.protocol.stun.attribute.XorRelayedAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of one TURN allocation over UDP (RFC 8656), with long-term credentials the
 * way most deployed clients use them: MD5 key and MESSAGE-INTEGRITY (RFC 8489 §9.2.3), plus
 * FINGERPRINT. Callbacks run on the socket's event loop.
 */
final class TurnSession {

    private final StunClient stun;
    private final String username;
    private final String password;
    private volatile String realm;
    private volatile String nonce;
    private volatile byte[] key;
    private volatile InetSocketAddress relayed;

    TurnSession(StunClient stun, String username, String password) {
        this.stun = stun;
        this.username = username;
        this.password = password;
    }

    StunClient stun() {
        return stun;
    }

    InetSocketAddress relayed() {
        return relayed;
    }

    /**
     * RFC 8656 §7.1: an Allocate without credentials draws 401 with REALM and NONCE
     * (RFC 8489 §9.2.4); the retry carries USERNAME, REALM, NONCE and MESSAGE-INTEGRITY.
     */
    CompletableFuture<InetSocketAddress> allocate(long lifetimeSeconds) {
        List<StunAttribute> attributes = List.of(new RequestedTransport(RequestedTransport.UDP), Lifetime.ofSeconds(lifetimeSeconds));
        return stun.request(StunMethod.ALLOCATE, attributes, StunTrailer.FINGERPRINT)
                .thenCompose(first -> {
                    if (isError(first, ErrorCode.UNAUTHENTICATED)) {
                        learnChallenge(first);
                        return authenticated(StunMethod.ALLOCATE, attributes);
                    }
                    return CompletableFuture.completedFuture(first);
                })
                .thenApply(answer -> {
                    relayed = success(answer).first(XorRelayedAddress.class)
                            .orElseThrow(() -> new TurnRefusal("Allocate success without XOR-RELAYED-ADDRESS")).address();
                    return relayed;
                });
    }

    /** RFC 8656 §9.1. */
    CompletableFuture<StunMessage> createPermission(InetSocketAddress peer) {
        return authenticated(StunMethod.CREATE_PERMISSION, List.of(new XorPeerAddress(peer))).thenApply(TurnSession::success);
    }

    /** RFC 8656 §11.1. */
    CompletableFuture<StunMessage> channelBind(int channelNumber, InetSocketAddress peer) {
        return authenticated(StunMethod.CHANNEL_BIND, List.of(new ChannelNumber(channelNumber), new XorPeerAddress(peer)))
                .thenApply(TurnSession::success);
    }

    /** RFC 8656 §8.1; a lifetime of 0 deletes the allocation. */
    CompletableFuture<StunMessage> refresh(long lifetimeSeconds) {
        return authenticated(StunMethod.REFRESH, List.of(Lifetime.ofSeconds(lifetimeSeconds))).thenApply(TurnSession::success);
    }

    /** A request under the learned credentials; one retry with the new NONCE after 438 Stale Nonce (RFC 8489 §9.2.5). */
    private CompletableFuture<StunMessage> authenticated(StunMethod method, List<StunAttribute> attributes) {
        if (key == null) {
            return CompletableFuture.failedFuture(new TurnRefusal(method + " before the server's challenge"));
        }
        return send(method, attributes).thenCompose(answer -> {
            if (isError(answer, ErrorCode.STALE_NONCE)) {
                learnChallenge(answer);
                return send(method, attributes);
            }
            return CompletableFuture.completedFuture(answer);
        });
    }

    private CompletableFuture<StunMessage> send(StunMethod method, List<StunAttribute> attributes) {
        List<StunAttribute> all = new ArrayList<>(attributes.size() + 3);
        all.add(new Username(username));
        all.add(new Realm(realm));
        all.add(new Nonce(nonce));
        all.addAll(attributes);
        return stun.request(method, all, StunTrailer.messageIntegrity(key).withFingerprint());
    }

    private void learnChallenge(StunMessage challenge) {
        String newRealm = challenge.first(Realm.class).map(Realm::value)
                .orElseThrow(() -> new TurnRefusal("challenge without REALM"));
        nonce = challenge.first(Nonce.class).map(Nonce::value).orElseThrow(() -> new TurnRefusal("challenge without NONCE"));
        if (!newRealm.equals(realm)) {
            realm = newRealm;
            key = StunKeys.longTermMd5(username, newRealm, password);
        }
    }

    private static boolean isError(StunMessage answer, int code) {
        return answer.messageClass() == StunClass.ERROR_RESPONSE
                && answer.first(ErrorCode.class).map(e -> e.code() == code).orElse(false);
    }

    private static StunMessage success(StunMessage answer) {
        if (answer.messageClass() != StunClass.SUCCESS_RESPONSE) {
            String error = answer.first(ErrorCode.class).map(e -> e.code() + " " + e.reason()).orElse("error without ERROR-CODE");
            throw new TurnRefusal(answer.method() + " answered " + error);
        }
        return answer;
    }
}
